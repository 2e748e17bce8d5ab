package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding of Contract 1: one category for one order and/or CIP.
 *
 * @param businessDate the business date the finding belongs to; empty when the inputs carry no
 *     usable time for it
 * @param orderId the order, or the transaction code the gateway/webhook claimed; "" when none
 * @param cip the CIP (several, separated by {@code ;}, for DUPLICATE_PAYMENT); "" when none
 * @param eventTime the instant the business date was taken from
 */
public record Discrepancy(
    Category category,
    Optional<LocalDate> businessDate,
    String orderId,
    String cip,
    Optional<Money> orderAmount,
    Optional<Money> gatewayAmount,
    Optional<Currency> currency,
    Optional<OrderStatus> orderStatus,
    Optional<PaymentState> gatewayStatus,
    String detail,
    Optional<Instant> eventTime) implements io.pagorecon.core.ledger.LedgerFinding {

  public Discrepancy {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(orderAmount, "orderAmount");
    Objects.requireNonNull(gatewayAmount, "gatewayAmount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(orderStatus, "orderStatus");
    Objects.requireNonNull(gatewayStatus, "gatewayStatus");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(eventTime, "eventTime");
  }

  public Severity severity() {
    return category.severity();
  }

  /**
   * Stable identity for the ledger: category + order + CIP, business date not included, so the
   * same problem found again is the same discrepancy.
   */
  public String id() {
    return category.name() + "|" + orderId + "|" + cip;
  }
}
