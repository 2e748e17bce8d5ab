package io.pagorecon.core.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void buffer_shouldGrowTowardAChunk_onlyWhileTheInputLasts() throws Exception {
    int chunkSize = 1 << 20;
    ChunkReader small = new ChunkReader(new ByteArrayInputStream("a\n1\n2\n".getBytes(StandardCharsets.UTF_8)), chunkSize, true);
    small.header();
    ChunkReader.Chunk only = small.next();
    assertEquals("1\n2\n", new String(only.data(), 0, only.length(), StandardCharsets.UTF_8));
    assertTrue(only.data().length < chunkSize, "a 3-line file does not cost a whole chunk");
    assertNull(small.next());

    StringBuilder big = new StringBuilder("a\n");
    for (int i = 0; i < 300_000; i++) {
      big.append(i).append('\n');
    }
    ChunkReader r = new ChunkReader(new ByteArrayInputStream(big.toString().getBytes(StandardCharsets.UTF_8)), chunkSize, true);
    r.header();
    StringBuilder joined = new StringBuilder("a\n");
    int chunks = 0;
    int expectedLine = 2;
    ChunkReader.Chunk c;
    while ((c = r.next()) != null) {
      assertEquals(expectedLine, c.firstLine());
      String text = new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
      expectedLine += (int) text.chars().filter(ch -> ch == '\n').count();
      joined.append(text);
      chunks++;
    }
    assertEquals(big.toString(), joined.toString());
    assertEquals(2, chunks, "1.9 MB in chunks of up to 1 MiB: the first buffer grew to a whole chunk");
  }

  @Test
  void header_shouldBeNull_forAnEmptyStream() throws Exception {
    assertNull(new ChunkReader(new ByteArrayInputStream(new byte[0]), 8, true).header());
  }
}
