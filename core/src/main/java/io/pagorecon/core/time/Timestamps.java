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
          .appendPattern("[XXX][XX][X]")
          .toFormatter();

  /** PagoEfectivo's wire format: seconds, offset with a colon. */
  public static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private Timestamps() {}

  /** Empty for null, blank or unparseable text; a timestamp without an offset is not accepted. */
  public static Optional<OffsetDateTime> parse(String text) {
    if (text == null || text.isBlank() || text.length() > 64) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.trim(), LENIENT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static String format(OffsetDateTime time) {
    return WIRE.format(time);
  }

  /** Lima wire format of an instant, as PagoEfectivo writes it: {@code 2024-01-15T10:30:00-05:00}. */
  public static String formatLima(Instant instant) {
    return WIRE.format(instant.atZone(BusinessCalendar.LIMA));
  }
}
