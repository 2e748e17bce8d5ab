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
}
