package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The contracted commission for one currency: {@code max(minimum, round(gross * percent / 100 +
 * fixed, 2))}, its tax {@code round(fee * taxPercent / 100, 2)}; half-up rounding.
 */
public record FeeContract(Currency currency, BigDecimal percent, BigDecimal fixed, BigDecimal taxPercent, BigDecimal minimum, int line) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public FeeContract {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(percent, "percent");
    Objects.requireNonNull(fixed, "fixed");
    Objects.requireNonNull(taxPercent, "taxPercent");
    Objects.requireNonNull(minimum, "minimum");
  }

  public BigDecimal fee(BigDecimal gross) {
    BigDecimal fee = gross.multiply(percent).divide(HUNDRED).add(fixed).setScale(2, RoundingMode.HALF_UP);
    return fee.max(minimum.setScale(2, RoundingMode.HALF_UP));
  }

  public BigDecimal tax(BigDecimal fee) {
    return fee.multiply(taxPercent).divide(HUNDRED).setScale(2, RoundingMode.HALF_UP);
  }

  /** {@link #fee} in minor units: exact long arithmetic when it fits, else through BigDecimal. */
  public long feeMinor(long grossMinor) {
    if (fixed.stripTrailingZeros().scale() <= 2) {
      long pct = Exact.percentOf(grossMinor, percent);
      if (pct != Exact.NO_FIT) {
        long fee = pct + fixed.movePointRight(2).longValue();
        return Math.max(fee, minimum.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact());
      }
    }
    return fee(BigDecimal.valueOf(grossMinor, 2)).movePointRight(2).longValueExact();
  }

  /** {@link #tax} in minor units. */
  public long taxMinor(long feeMinor) {
    long tax = Exact.percentOf(feeMinor, taxPercent);
    return tax != Exact.NO_FIT ? tax : tax(BigDecimal.valueOf(feeMinor, 2)).movePointRight(2).longValueExact();
  }
}
