package io.pagorecon.core.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagorecon.core.money.Currency;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The long-arithmetic fast path gives exactly what BigDecimal's half-up rounding gives. */
class ExactPropertiesTest {

  @Property(tries = 500)
  void feeTaxAndNet_shouldEqualTheBigDecimalComputation(@ForAll @LongRange(min = -5_000_000_00L, max = 5_000_000_00L) long minor,
      @ForAll @IntRange(min = 0, max = 99_999) int percentUnscaled, @ForAll @IntRange(min = 0, max = 4) int percentScale,
      @ForAll @IntRange(min = 0, max = 999) int fixedCents, @ForAll @IntRange(min = 1, max = 99_999_999) int rateUnscaled, @ForAll @IntRange(min = 0, max = 8) int rateScale) {
    BigDecimal percent = BigDecimal.valueOf(percentUnscaled, percentScale);
    FeeContract c = new FeeContract(Currency.PEN, percent, BigDecimal.valueOf(fixedCents, 2), percent, new BigDecimal("0.30"), 2);
    long gross = Math.abs(minor);
    assertEquals(c.fee(BigDecimal.valueOf(gross, 2)).movePointRight(2).longValueExact(), c.feeMinor(gross));
    assertEquals(c.tax(BigDecimal.valueOf(gross, 2)).movePointRight(2).longValueExact(), c.taxMinor(gross));
    BigDecimal rate = BigDecimal.valueOf(rateUnscaled, rateScale);
    assertEquals(BigDecimal.valueOf(minor, 2).multiply(rate).setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact(), Exact.timesRate(minor, rate));
  }
}
