package io.pagorecon.core.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {

  @Test
  void chunks_shouldEndAtRecordBoundaries_neverInsideQuotes() throws Exception {
    String header = "a,b\n";
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append(i).append(",\"x\n").append(i).append("\"\n");
    }
    for (int size : new int[] {4, 7, 16, 64}) {
      ChunkReader r = new ChunkReader(new ByteArrayInputStream(("\uFEFF" + header + body).getBytes(StandardCharsets.UTF_8)), size, true);
      assertEquals("a,b", new String(r.header(), StandardCharsets.UTF_8));
      StringBuilder joined = new StringBuilder();
      List<Integer> records = new ArrayList<>();
      ChunkReader.Chunk c;
      int expectedLine = 2;
      while ((c = r.next()) != null) {
        assertEquals(expectedLine, c.firstLine());
        String text = new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
        CsvRecord rec = new CsvRecord();
        int[] line = {c.firstLine()};
        int pos = 0;
        while (pos < c.length()) {
          pos = rec.read(c.data(), pos, c.length(), line);
          assertNull(rec.error());
          assertEquals(2, rec.size());
          records.add(Integer.parseInt(rec.text(0)));
          assertEquals(rec.text(0), rec.text(1).substring(2));
        }
        expectedLine = line[0];
        joined.append(text);
      }
      assertEquals(body.toString(), joined.toString());
      assertEquals(50, records.size());
    }
  }

  @Test
  void header_shouldBeNull_forAnEmptyStream() throws Exception {
    assertNull(new ChunkReader(new ByteArrayInputStream(new byte[0]), 8, true).header());
  }
}
