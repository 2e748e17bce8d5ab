package io.pagorecon.core.files.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable view of one CSV record (RFC 4180: quoted fields, doubled quotes, newlines inside
 * quotes, CRLF or LF) over a byte array. Fields are offsets, decoded only when asked: most fields
 * are parsed straight from the bytes without a String.
 */
public final class CsvRecord {

  private byte[] data;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private boolean[] escaped = new boolean[16];
  private int count;
  private int line;
  private String error;
  private int errorField;

  /**
   * Reads the record starting at {@code pos}; returns the position after it. {@link #line()} is
   * the physical line it starts on; {@code lineAtPos} is updated past the newlines consumed.
   */
  public int read(byte[] d, int pos, int limit, int[] lineAtPos) {
    int next = readFields(d, pos, limit, lineAtPos);
    checkUtf8();
    return next;
  }

  /** Contract 2 files are UTF-8: bytes that are not must be refused, not silently replaced. */
  private void checkUtf8() {
    for (int f = 0; f < count && error == null; f++) {
      boolean ascii = true;
      for (int k = starts[f]; k < ends[f] && ascii; k++) {
        ascii = data[k] >= 0;
      }
      if (!ascii) {
        try {
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, starts[f], ends[f] - starts[f]));
        } catch (CharacterCodingException e) {
          fail(f, "is not valid UTF-8");
        }
      }
    }
  }

  private int readFields(byte[] d, int pos, int limit, int[] lineAtPos) {
    data = d;
    count = 0;
    error = null;
    line = lineAtPos[0];
    int i = pos;
    while (true) {
      ensure(count + 1);
      if (i < limit && d[i] == '"') {
        int s = i + 1;
        int j = s;
        boolean esc = false;
        while (true) {
          if (j >= limit) {
            fail(count, "unterminated quoted field");
            starts[count] = s;
            ends[count] = limit;
            escaped[count++] = esc;
            return limit;
          }
          byte b = d[j];
          if (b == '"') {
            if (j + 1 < limit && d[j + 1] == '"') {
              esc = true;
              j += 2;
              continue;
            }
            break;
          }
          if (b == '\n') {
            lineAtPos[0]++;
          }
          j++;
        }
        starts[count] = s;
        ends[count] = j;
        escaped[count] = esc;
        i = j + 1;
        if (i < limit && d[i] != ',' && d[i] != '\n' && d[i] != '\r') {
          fail(count, "text after the closing quote");
          while (i < limit && d[i] != ',' && d[i] != '\n') {
            i++;
          }
        }
        count++;
      } else {
        int s = i;
        while (i < limit && d[i] != ',' && d[i] != '\n') {
          i++;
        }
        int e = i;
        if (e > s && d[e - 1] == '\r' && (i >= limit || d[i] == '\n')) {
          e--;
        }
        // unquoted fields are trimmed: spreadsheet exports pad them
        while (s < e && (d[s] == ' ' || d[s] == '\t')) {
          s++;
        }
        while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
          e--;
        }
        starts[count] = s;
        ends[count] = e;
        escaped[count++] = false;
      }
      if (i >= limit) {
        return limit;
      }
      if (d[i] == '\r') {
        i++;
      }
      if (i >= limit) {
        return limit;
      }
      if (d[i] == '\n') {
        lineAtPos[0]++;
        return i + 1;
      }
      i++; // the comma
    }
  }

  private void fail(int field, String message) {
    if (error == null) {
      error = message;
      errorField = field;
    }
  }

  private void ensure(int n) {
    if (n > starts.length) {
      starts = Arrays.copyOf(starts, n * 2);
      ends = Arrays.copyOf(ends, n * 2);
      escaped = Arrays.copyOf(escaped, n * 2);
    }
  }

  /** A syntax error of the record, or null. */
  public String error() {
    return error;
  }

  public int errorField() {
    return errorField;
  }

  public int line() {
    return line;
  }

  public int size() {
    return count;
  }

  /** True for an empty line (one empty field). */
  public boolean blank() {
    return count == 1 && starts[0] == ends[0];
  }

  public byte[] data() {
    return data;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  public boolean isEmpty(int i) {
    return i < 0 || i >= count || starts[i] == ends[i];
  }

  /** The field as text ("" when the column is absent). */
  public String text(int i) {
    if (i < 0 || i >= count) {
      return "";
    }
    String s = new String(data, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    return escaped[i] ? s.replace("\"\"", "\"") : s;
  }

  /** Field bytes may be parsed in place only when they hold no doubled quotes. */
  public boolean escaped(int i) {
    return i >= 0 && i < count && escaped[i];
  }
}
