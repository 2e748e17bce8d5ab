package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.reconcile.Category;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /payments/{orderId}}: the order's payment state, its payment decision (may the shop
 * ship it, and if not why), every CIP of the order however it became known, and their evidence.
 */
public record OrderPayment(String orderId, Money amount, Status status, Optional<String> currentCip, List<CipView> cips,
    boolean shippable, List<Category> reasons) {

  public OrderPayment {
    cips = List.copyOf(cips);
    reasons = List.copyOf(reasons);
  }

  /** The order as the shop needs it. */
  public enum Status {
    PAID,
    PENDING,
    EXPIRED,
    REFUNDED,
    CANCELLED
  }

  /**
   * @param source how the CIP became known: {@code API} (we issued it), {@code WEBHOOK} or {@code
   *     SYNC} (its transactionCode names the order)
   * @param paid what PagoEfectivo reported paid
   */
  public record CipView(String cip, PaymentState state, Optional<OffsetDateTime> expiresAt, Optional<OffsetDateTime> paidAt,
      List<String> evidenceKeys, Source source, Optional<Money> paid) {}
}
