package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.Severity;
import io.pagorecon.core.ledger.LedgerFinding;
import io.pagorecon.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Comparator;
import java.util.Objects;

/**
 * One settlement finding. Findings about a settlement as a whole have no CIP ({@link
 * Order#NO_CIP}); an unexpected credit has no settlement ({@code ""}).
 *
 * @param expected null when the category has no expected amount
 * @param actual null when there is nothing to show (e.g. a payout not received)
 * @param currency the currency of expected and actual
 * @param date what the finding is dated by (not a report column): the settlement's settled_on, the
 *     CIP's payment date (SETTLEMENT_MISSING) or the credit's booking date (UNEXPECTED_CREDIT)
 */
public record SettlementFinding(
    SettlementCategory category, String settlementId, long cip, String transactionCode, BigDecimal expected, BigDecimal actual, Currency currency, String detail,
    LocalDate date) {

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
    Objects.requireNonNull(date, "date");
  }

  /** The ledger's view: the order is the transaction code, the amounts expected and actual, the detail names the settlement. */
  public LedgerFinding toLedger() {
    Optional<Money> exp = expected == null || currency == null ? Optional.empty() : Optional.of(new Money(expected, currency));
    Optional<Money> act = actual == null || currency == null ? Optional.empty() : Optional.of(new Money(actual, currency));
    String shown = settlementId.isEmpty() ? detail : "settlement " + settlementId + ": " + detail;
    return new Ledgered(id(), category, transactionCode, Cips.format(cip), shown, exp, act, Optional.ofNullable(currency), Optional.of(date));
  }

  private record Ledgered(String id, SettlementCategory category, String orderId, String cip, String detail, Optional<Money> orderAmount,
      Optional<Money> gatewayAmount, Optional<Currency> currency, Optional<LocalDate> businessDate) implements LedgerFinding {}

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
