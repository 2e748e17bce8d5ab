package io.pagorecon.core.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks that end at a record boundary (a newline outside CSV quotes), so that
 * chunks can be parsed in parallel. Strips a UTF-8 byte order mark and counts physical lines, so a
 * parser knows the line number its chunk starts at.
 */
public final class ChunkReader {

  /** Bytes {@code [0, length)} of {@code data}, starting at physical line {@code firstLine}. */
  public record Chunk(byte[] data, int length, int firstLine) {}

  private static final int FIRST_BUFFER = 64 << 10;

  private final InputStream in;
  private final int chunkSize;
  private final boolean csvQuotes;
  private byte[] buf;
  private int len;
  private boolean eof;
  private boolean started;
  private int line = 1;

  public ChunkReader(InputStream in, int chunkSize, boolean csvQuotes) {
    this.in = in;
    this.chunkSize = chunkSize;
    this.csvQuotes = csvQuotes;
    // a small file should not cost a whole chunk: the buffer grows toward one while the input lasts
    this.buf = new byte[Math.min(chunkSize, FIRST_BUFFER)];
  }

  /** The first line without its line ending, or null for an empty stream. */
  public byte[] header() throws IOException {
    start();
    while (true) {
      int end = boundary(true);
      if (end < 0 && !eof) {
        grow();
        continue;
      }
      if (len == 0) {
        return null;
      }
      int cut = end < 0 ? len : end;
      int textEnd = cut;
      while (textEnd > 0 && (buf[textEnd - 1] == '\n' || buf[textEnd - 1] == '\r')) {
        textEnd--;
      }
      byte[] header = Arrays.copyOf(buf, textEnd);
      line += count(buf, 0, cut);
      System.arraycopy(buf, cut, buf, 0, len - cut);
      len -= cut;
      return header;
    }
  }

  /** The next chunk, or null at the end of the stream. */
  public Chunk next() throws IOException {
    start();
    while (true) {
      fill();
      if (len == 0) {
        return null;
      }
      int end;
      int lines;
      if (eof) {
        end = len;
        lines = count(buf, 0, len);
      } else {
        long cut = lastBoundary();
        if (cut < 0) {
          grow();
          continue;
        }
        end = (int) cut;
        lines = (int) (cut >>> 32);
      }
      byte[] data = buf;
      int first = line;
      line += lines;
      buf = new byte[eof ? Math.max(16, len - end) : Math.max(chunkSize, (len - end) * 2)];
      System.arraycopy(data, end, buf, 0, len - end);
      len -= end;
      return new Chunk(data, end, first);
    }
  }

  private void start() throws IOException {
    if (started) {
      return;
    }
    started = true;
    fill();
    if (len >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
      System.arraycopy(buf, 3, buf, 0, len - 3);
      len -= 3;
    }
  }

  private void fill() throws IOException {
    while (!eof) {
      if (len == buf.length) {
        if (buf.length >= chunkSize) {
          return;
        }
        buf = Arrays.copyOf(buf, Math.min(chunkSize, buf.length * 2));
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        eof = true;
      } else {
        len += n;
      }
    }
  }

  private void grow() throws IOException {
    buf = Arrays.copyOf(buf, buf.length * 2);
    fill();
  }

  /**
   * Index after the last newline outside quotes (low 32 bits) and the number of newlines up to it
   * (high 32 bits), in one pass over the buffer; -1 when there is none.
   */
  private long lastBoundary() {
    boolean quoted = false;
    int last = -1;
    int newlines = 0;
    int linesAtLast = 0;
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      if (b == '"' && csvQuotes) {
        quoted = !quoted;
      } else if (b == '\n') {
        newlines++;
        if (!quoted) {
          last = i + 1;
          linesAtLast = newlines;
        }
      }
    }
    return last < 0 ? -1 : ((long) linesAtLast << 32) | last;
  }

  /** Index after the first (or last) newline outside quotes, or -1. */
  private int boundary(boolean first) {
    boolean quoted = false;
    int last = -1;
    for (int i = 0; i < len; i++) {
      byte b = buf[i];
      if (b == '"' && csvQuotes) {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        if (first) {
          return i + 1;
        }
        last = i + 1;
      }
    }
    return last;
  }

  private static int count(byte[] data, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (data[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
