package io.pagorecon.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Property(tries = 300)
  void parse_shouldAgreeWithIsoParsing_forTheCommonForms(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long second, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarters) {
    OffsetDateTime t = Instant.ofEpochSecond(second, nanos).atOffset(ZoneOffset.ofTotalSeconds(quarters * 900));
    String iso = t.toString(); // ISO_OFFSET_DATE_TIME, with the fraction when there is one
    if (t.getSecond() == 0 && t.getNano() == 0) {
      return; // toString drops ":00"; covered by the formatter path
    }
    assertEquals(t, Timestamps.parse(iso).orElseThrow(), iso);
    String wire = Timestamps.format(t);
    assertEquals(t.withNano(0).toInstant(), Timestamps.parse(wire).orElseThrow().toInstant(), wire);
  }

  @Test
  void parse_shouldKeepAcceptingTheLenientForms_andRejectNoOffset() {
    Instant expected = Instant.parse("2024-01-16T04:59:59Z");
    for (String s : new String[] {"2024-01-15T23:59:59-05:00", "2024-01-15 23:59:59-05:00", "2024-01-15T23:59:59-0500", "2024-01-16T04:59:59z",
        "2024-01-16T12:59:59+08", "2024-01-16t04:59:59Z"}) {
      assertEquals(expected, Timestamps.parse(s).orElseThrow().toInstant(), s);
    }
    assertEquals(Instant.parse("2024-01-16T04:59:00Z"), Timestamps.parse("2024-01-15T23:59-05:00").orElseThrow().toInstant());
    assertTrue(Timestamps.parse("2024-01-15T23:59:59").isEmpty());
    // Shopify writes a space before the offset; the file readers accept it, so this does too.
    assertEquals(expected, Timestamps.parse("2024-01-15 23:59:59 -0500").orElseThrow().toInstant());
  }

  @org.junit.jupiter.api.Test
  void parse_shouldRejectImpossibleDatesAndTimes_inEveryForm() {
    for (String text : new String[] {"2024-02-30T10:00:00-05:00", "2024-02-30 10:00:00 -0500", "2024-01-15T24:00:00-05:00",
        "2024-01-15 24:00-05:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z"}) {
      org.junit.jupiter.api.Assertions.assertTrue(Timestamps.parse(text).isEmpty(), text);
    }
    org.junit.jupiter.api.Assertions.assertTrue(Timestamps.parse("2024-02-29 10:00 -0500").isPresent(), "a leap day is real");
  }
}
