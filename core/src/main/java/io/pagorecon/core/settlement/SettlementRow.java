package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One settled CIP as PagoEfectivo paid it out. Amounts are minor units (scale 2): {@code gross},
 * {@code fee} and {@code feeTax} in {@code currency}, {@code net} in {@code payoutCurrency}.
 *
 * @param transactionCode empty when the export gave none
 * @param fxRate payout units per unit of {@code currency}; null when none was given
 * @param line the physical line in its file, for error messages only
 */
public record SettlementRow(
    String settlementId,
    LocalDate settledOn,
    long cip,
    String transactionCode,
    long grossMinor,
    Currency currency,
    long feeMinor,
    long feeTaxMinor,
    long netMinor,
    Currency payoutCurrency,
    BigDecimal fxRate,
    int line) {

  public SettlementRow {
    Objects.requireNonNull(settlementId, "settlementId");
    Objects.requireNonNull(settledOn, "settledOn");
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(payoutCurrency, "payoutCurrency");
    if (fxRate == null && currency != payoutCurrency) {
      throw new IllegalArgumentException("fx_rate is required when the payout currency differs");
    }
  }

  public boolean converted() {
    return currency != payoutCurrency;
  }

  /** {@code gross - fee - fee_tax} in {@code currency}, minor units. */
  public long baseMinor() {
    return grossMinor - feeMinor - feeTaxMinor;
  }
}
