package io.pagorecon.core.reconcile.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparse line numbers give back every row's line, also after joining chunks. */
class LineColumnTest {

  @Test
  void lines_shouldComeBackExactly_acrossGapsAndJoinedChunks() {
    Random r = new Random(3);
    for (int round = 0; round < 50; round++) {
      List<Integer> expected = new ArrayList<>();
      LineColumn all = new LineColumn();
      int line = 2;
      for (int chunk = 0; chunk < 1 + r.nextInt(5); chunk++) {
        LineColumn part = new LineColumn();
        for (int i = 0; i < r.nextInt(40); i++) {
          line += r.nextInt(6) == 0 ? 1 + r.nextInt(3) : 1;
          part.add(line);
          expected.add(line);
        }
        all.addAll(part);
      }
      assertEquals(expected.size(), all.size());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), all.get(i), "row " + i);
      }
    }
  }
}
