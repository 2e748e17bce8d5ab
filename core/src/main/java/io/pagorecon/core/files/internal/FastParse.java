package io.pagorecon.core.files.internal;

import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Allocation-free parsing of the common field forms straight from bytes. Each method agrees with
 * the core's reference parser ({@code Money.parseAmount}, {@code Timestamps.parse}); uncommon
 * timestamp forms fall back to it.
 */
public final class FastParse {

  /** Returned for text that is not a valid value. */
  public static final long INVALID = Long.MIN_VALUE + 1;

  private static final long IMPOSSIBLE_DATE = Long.MIN_VALUE + 2;

  private FastParse() {}

  /**
   * A decimal amount in currency units as minor units: optional sign, digits, optional point and
   * decimals (beyond two only zeros), at most 16 integer digits.
   */
  public static long amountMinor(byte[] b, int s, int e) {
    if (s >= e || e - s > 40) {
      return INVALID;
    }
    boolean negative = false;
    if (b[s] == '-' || b[s] == '+') {
      negative = b[s] == '-';
      s++;
    }
    long units = 0;
    int intDigits = 0;
    int digits = 0;
    int i = s;
    for (; i < e && b[i] != '.'; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      digits++;
      if (units != 0 || d != 0) {
        intDigits++;
      }
      if (intDigits > 16) {
        return INVALID;
      }
      units = units * 10 + d;
    }
    long cents = 0;
    if (i < e) {
      i++; // the point
      int decimals = 0;
      for (; i < e; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return INVALID;
        }
        digits++;
        decimals++;
        if (decimals == 1) {
          cents = d * 10L;
        } else if (decimals == 2) {
          cents += d;
        } else if (d != 0) {
          return INVALID;
        }
      }
    }
    if (digits == 0) {
      return INVALID;
    }
    long minor = units * 100 + cents;
    return negative ? -minor : minor;
  }

  /** A CIP (1 to 14 digits) as a number, {@link Order#NO_CIP} when empty, {@link #INVALID} otherwise. */
  public static long cip(byte[] b, int s, int e) {
    if (s == e) {
      return Order.NO_CIP;
    }
    if (e - s > 14) {
      return INVALID;
    }
    long v = 0;
    for (int i = s; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * An ISO-8601 timestamp with an offset as epoch millis; {@link Times#NONE} when empty, {@link
   * #INVALID} when not a timestamp with an offset. Fast path: {@code yyyy-MM-dd[T ]HH:mm:ss[.fff][
   * ](Z|±HH:mm|±HHmm|±HH)}; anything else goes through {@link Timestamps#parse}.
   */
  public static long timestamp(byte[] b, int s, int e) {
    if (s == e) {
      return Times.NONE;
    }
    long fast = fastTimestamp(b, s, e);
    if (fast == IMPOSSIBLE_DATE) {
      return INVALID; // the JDK's SMART resolver would turn 2024-02-30 into 2024-02-29
    }
    if (fast != INVALID) {
      return fast;
    }
    Optional<OffsetDateTime> slow = Timestamps.parse(new String(b, s, e - s, StandardCharsets.UTF_8));
    return slow.map(t -> t.toInstant().toEpochMilli()).orElse(INVALID);
  }

  private static long fastTimestamp(byte[] b, int s, int e) {
    if (e - s < 20) {
      return INVALID;
    }
    int y = num(b, s, 4);
    int mo = num(b, s + 5, 2);
    int d = num(b, s + 8, 2);
    int h = num(b, s + 11, 2);
    int mi = num(b, s + 14, 2);
    int se = num(b, s + 17, 2);
    byte t = b[s + 10];
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0
        || b[s + 4] != '-' || b[s + 7] != '-' || (t != 'T' && t != 't' && t != ' ')
        || b[s + 13] != ':' || b[s + 16] != ':' || h > 23 || mi > 59 || se > 59) {
      return INVALID;
    }
    int i = s + 19;
    int millis = 0;
    if (i < e && b[i] == '.') {
      i++;
      int n = 0;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        if (n < 3) {
          millis = millis * 10 + (b[i] - '0');
        }
        n++;
        i++;
      }
      if (n == 0 || n > 9) {
        return INVALID;
      }
      for (int k = n; k < 3; k++) {
        millis *= 10;
      }
    }
    if (i < e && b[i] == ' ') {
      i++; // Shopify writes "2024-01-15 10:30:00 -0500"
    }
    if (i >= e) {
      return INVALID; // an offset is required
    }
    int offsetSeconds;
    if ((b[i] == 'Z' || b[i] == 'z') && i + 1 == e) {
      offsetSeconds = 0;
    } else if (b[i] == '+' || b[i] == '-') {
      int sign = b[i] == '-' ? -1 : 1;
      int rest = e - i - 1;
      int oh = num(b, i + 1, Math.min(2, rest));
      int om;
      if (rest == 2) {
        om = 0;
      } else if (rest == 4) {
        om = num(b, i + 3, 2);
      } else if (rest == 5 && b[i + 3] == ':') {
        om = num(b, i + 4, 2);
      } else {
        return INVALID;
      }
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return INVALID;
      }
      offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
      return INVALID;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(y, mo, d).toEpochDay();
    } catch (DateTimeException ex) {
      return IMPOSSIBLE_DATE;
    }
    long seconds = epochDay * 86_400 + h * 3600L + mi * 60L + se - offsetSeconds;
    return seconds * 1000 + millis;
  }

  private static int num(byte[] b, int at, int n) {
    if (n <= 0) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < n; k++) {
      int d = b[at + k] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** True when the bytes equal the ASCII word ignoring case. */
  public static boolean equalsIgnoreCase(byte[] b, int s, int e, String word) {
    if (e - s != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = b[s + i];
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      int w = word.charAt(i);
      if (w >= 'a' && w <= 'z') {
        w -= 32;
      }
      if (c != w) {
        return false;
      }
    }
    return true;
  }
}
