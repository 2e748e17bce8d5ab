package io.pagorecon.core.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FastParseTest {

  private static long ts(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return FastParse.timestamp(b, 0, b.length);
  }

  private static long amount(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return FastParse.amountMinor(b, 0, b.length);
  }

  @Test
  void timestamp_shouldReadEveryOffsetForm() {
    long expected = Instant.parse("2024-01-16T04:59:59Z").toEpochMilli();
    for (String s : new String[] {"2024-01-16T04:59:59Z", "2024-01-15T23:59:59-05:00", "2024-01-16T12:59:59+08:00", "2024-01-15T23:59:59-0500",
        "2024-01-15 23:59:59 -0500", "2024-01-16T12:59:59+08", "2024-01-15T23:59:59.000-05:00", "2024-01-15T23:59-05:00"}) {
      assertEquals(expected + (s.equals("2024-01-15T23:59-05:00") ? -59_000 : 0), ts(s), s);
    }
    assertEquals(Instant.parse("2024-01-16T04:59:59.123Z").toEpochMilli(), ts("2024-01-15T23:59:59.123456-05:00"));
  }

  @Test
  void timestamp_shouldRejectMissingOffsetOrImpossibleDates() {
    for (String s : new String[] {"2024-01-15T23:59:59", "2024-02-30T10:00:00Z", "2024-01-15T24:30:00Z", "15/01/2024 10:00 -05:00", "2024-01-15T10:00:00+25:00"}) {
      assertEquals(FastParse.INVALID, ts(s), s);
    }
  }

  @Property(tries = 300)
  void timestamp_shouldAgreeWithTheCoreParser(@ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond, @ForAll @LongRange(min = -12, max = 14) long hours) {
    String text = Timestamps.format(Instant.ofEpochSecond(epochSecond).atOffset(java.time.ZoneOffset.ofHours((int) hours)));
    assertEquals(Timestamps.parse(text).orElseThrow().toInstant().toEpochMilli(), ts(text));
  }

  @Test
  void amount_shouldReadCurrencyUnits_andRejectAnythingElse() {
    assertEquals(16035, amount("160.35"));
    assertEquals(2250, amount("22.5"));
    assertEquals(100, amount("1"));
    assertEquals(100, amount("1.000"));
    assertEquals(-150, amount("-1.50"));
    for (String s : new String[] {"12,50", "1.005", "1e3", "", ".", "S/ 10", "1.2.3", "12345678901234567.00"}) {
      assertEquals(FastParse.INVALID, amount(s), s);
    }
  }

  @Property(tries = 300)
  void amount_shouldAgreeWithMoney(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long minor) {
    String text = Money.ofMinor(minor, io.pagorecon.core.money.Currency.PEN).toPlainString();
    assertEquals(Money.parseAmount(text).orElseThrow().movePointRight(2).longValueExact(), amount(text));
  }
}
