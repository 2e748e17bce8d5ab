package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * One settlement's totals. {@code gross}, {@code fees} and {@code taxes} are per source currency
 * (a settlement may mix PEN and USD CIPs); {@code net} and {@code received} are in the payout
 * currency.
 *
 * @param received the sum of the credits that belong to it (0 when none)
 * @param receivedOn the latest booking date of those credits
 * @param payoutDue settled_on plus payout-days business days
 * @param fx the FX judgement when some rows were converted
 * @param disputed at least one finding is about it or one of its rows
 */
public record SettlementSummary(
    String settlementId,
    LocalDate settledOn,
    Currency payoutCurrency,
    long rows,
    Map<Currency, BigDecimal> gross,
    Map<Currency, BigDecimal> fees,
    Map<Currency, BigDecimal> taxes,
    BigDecimal net,
    BigDecimal received,
    Optional<LocalDate> receivedOn,
    LocalDate payoutDue,
    PayoutStatus status,
    Optional<Fx> fx,
    boolean disputed) {

  /** Where the payout stands as of the run. */
  public enum PayoutStatus {
    /** Credits belong to it and cover the total net. */
    RECEIVED,
    /** Credits belong to it but are below the total net (PAYOUT_SHORT). */
    SHORT,
    /** No credit and the payout due date has not passed yet. */
    IN_TRANSIT,
    /** No credit and the payout due date has passed (PAYOUT_NOT_RECEIVED). */
    NOT_RECEIVED
  }

  /**
   * The FX of the converted rows. {@code base} = Σ (gross - fee - fee_tax) in {@code from}, {@code
   * net} = Σ net_amount in the payout currency. Without a reference rate the reference fields are
   * empty.
   *
   * @param cost what the seller got less than at the reference rate, in the payout currency
   *     (negative when the rate was better)
   */
  public record Fx(
      Currency from,
      BigDecimal base,
      BigDecimal net,
      BigDecimal effectiveRate,
      Optional<BigDecimal> referenceRate,
      Optional<String> referenceText,
      Optional<LocalDate> referenceDate,
      Optional<String> source,
      Optional<BigDecimal> cost,
      Optional<BigDecimal> deviationPercent) {}
}
