package io.pagorecon.simulator.scenario;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Fast ISO-8601 writing ({@code yyyy-MM-ddTHH:mm:ss±HH:MM} or {@code Z}) for million-row files. */
final class Times {

  private Times() {}

  static void append(StringBuilder b, OffsetDateTime t) {
    append(b, t.toEpochSecond(), t.getOffset());
  }

  static void append(StringBuilder b, long epochSecond, ZoneOffset offset) {
    long local = epochSecond + offset.getTotalSeconds();
    long days = Math.floorDiv(local, 86_400L);
    int secs = (int) Math.floorMod(local, 86_400L);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2) {
      y++;
    }
    b.append(y).append('-');
    two(b, m);
    b.append('-');
    two(b, d);
    b.append('T');
    two(b, secs / 3600);
    b.append(':');
    two(b, secs / 60 % 60);
    b.append(':');
    two(b, secs % 60);
    int off = offset.getTotalSeconds();
    if (off == 0) {
      b.append('Z');
    } else {
      b.append(off < 0 ? '-' : '+');
      int abs = Math.abs(off);
      two(b, abs / 3600);
      b.append(':');
      two(b, abs / 60 % 60);
    }
  }

  private static void two(StringBuilder b, int v) {
    if (v < 10) {
      b.append('0');
    }
    b.append(v);
  }
}
