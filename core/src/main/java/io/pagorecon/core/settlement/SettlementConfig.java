package io.pagorecon.core.settlement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The settlement rules' knobs: settle-days after the payment date, payout-days after {@code
 * settled_on}, and the FX tolerance in percent of the reference rate.
 */
public record SettlementConfig(BusinessDays businessDays, int settleDays, int payoutDays, BigDecimal fxTolerancePercent) {

  public SettlementConfig {
    Objects.requireNonNull(businessDays, "businessDays");
    Objects.requireNonNull(fxTolerancePercent, "fxTolerancePercent");
    if (settleDays < 0 || payoutDays < 0 || fxTolerancePercent.signum() < 0) {
      throw new IllegalArgumentException("settle-days, payout-days and the FX tolerance must not be negative");
    }
  }

  public static SettlementConfig defaults() {
    return new SettlementConfig(BusinessDays.peru(), 2, 3, new BigDecimal("0.5"));
  }
}
