package io.pagorecon.core.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Lenient reading and strict writing of PagoEfectivo timestamps. Reads ISO-8601 with an offset,
 * with {@code T} or a space, offsets {@code Z}, {@code -05:00} or {@code -0500}; writes {@code
 * yyyy-MM-dd'T'HH:mm:ssXXX}.
 */
public final class Timestamps {

  private static final DateTimeFormatter LENIENT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd() // Shopify: "2024-01-15 10:30:00 -0500"
          .appendPattern("[XXX][XX][X]")
          .toFormatter()
          // STRICT: Feb 30 and 24:00 are bad input, not silently moved to another instant.
          .withResolverStyle(java.time.format.ResolverStyle.STRICT);

  /** PagoEfectivo's wire format: seconds, offset with a colon. */
  public static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private Timestamps() {}

  /** Empty for null, blank or unparseable text; a timestamp without an offset is not accepted. */
  public static Optional<OffsetDateTime> parse(String text) {
    if (text == null || text.isBlank() || text.length() > 64) {
      return Optional.empty();
    }
    OffsetDateTime fast = parseCommon(text);
    if (fast != null) {
      return Optional.of(fast);
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.trim(), LENIENT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The common form {@code yyyy-MM-dd'T'HH:mm:ss[.f](Z|±HH:mm|±HHmm|±HH)} without the formatter
   * (a reconciliation reads millions); null for anything else, which then goes through {@link
   * #LENIENT} so the accepted language is unchanged.
   */
  private static OffsetDateTime parseCommon(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't' && s.charAt(10) != ' ')
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    int h = digits(s, 11, 2);
    int mi = digits(s, 14, 2);
    int se = digits(s, 17, 2);
    if ((y | mo | d | h | mi | se) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 9) {
        return null;
      }
      nanos = digits(s, start, len);
      for (int k = len; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i >= n) {
      return null;
    }
    int offset;
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      offset = 0;
    } else if (c == '+' || c == '-') {
      int rest = n - i - 1;
      int oh = rest >= 2 ? digits(s, i + 1, 2) : -1;
      int om;
      if (rest == 2) {
        om = 0;
      } else if (rest == 4) {
        om = digits(s, i + 3, 2);
      } else if (rest == 5 && s.charAt(i + 3) == ':') {
        om = digits(s, i + 4, 2);
      } else {
        return null;
      }
      if (oh < 0 || om < 0 || om > 59) {
        return null;
      }
      offset = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(java.time.LocalDateTime.of(y, mo, d, h, mi, se, nanos), java.time.ZoneOffset.ofTotalSeconds(offset));
    } catch (java.time.DateTimeException e) {
      return null; // e.g. 24:00 or Feb 30: the strict formatter rejects them too
    }
  }

  private static int digits(String s, int at, int len) {
    int v = 0;
    for (int k = 0; k < len; k++) {
      char ch = s.charAt(at + k);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  public static String format(OffsetDateTime time) {
    return WIRE.format(time);
  }

  /** Lima wire format of an instant, as PagoEfectivo writes it: {@code 2024-01-15T10:30:00-05:00}. */
  public static String formatLima(Instant instant) {
    return WIRE.format(instant.atZone(BusinessCalendar.LIMA));
  }
}
