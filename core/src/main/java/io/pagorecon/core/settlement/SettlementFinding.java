package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.Severity;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;

/**
 * One settlement finding. Findings about a settlement as a whole have no CIP ({@link
 * Order#NO_CIP}); an unexpected credit has no settlement ({@code ""}).
 *
 * @param expected null when the category has no expected amount
 * @param actual null when there is nothing to show (e.g. a payout not received)
 * @param currency the currency of expected and actual
 */
public record SettlementFinding(
    SettlementCategory category, String settlementId, long cip, String transactionCode, BigDecimal expected, BigDecimal actual, Currency currency, String detail) {

  /** Report order: category (most urgent first), settlement, CIP, then every other column. */
  public static final Comparator<SettlementFinding> ORDER =
      Comparator.comparing(SettlementFinding::category)
          .thenComparing(SettlementFinding::settlementId)
          .thenComparingLong(SettlementFinding::cip)
          .thenComparing(SettlementFinding::transactionCode)
          .thenComparing(f -> text(f.expected()))
          .thenComparing(f -> text(f.actual()))
          .thenComparing(f -> f.currency() == null ? "" : f.currency().name())
          .thenComparing(SettlementFinding::detail);

  public SettlementFinding {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(settlementId, "settlementId");
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(detail, "detail");
  }

  public Severity severity() {
    return category.severity();
  }

  /**
   * Stable identity for the ledger: {@code CATEGORY|settlement_id|cip}; an unexpected credit has
   * neither, so its detail (date, amount, reference) is its identity.
   */
  public String id() {
    String base = category.name() + "|" + settlementId + "|" + Cips.format(cip);
    return category == SettlementCategory.UNEXPECTED_CREDIT ? base + "|" + detail : base;
  }

  static String text(BigDecimal amount) {
    return amount == null ? "" : amount.toPlainString();
  }
}
