package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** {@code GET /payments/{orderId}}: the order's payment state, its CIPs and their evidence. */
public record OrderPayment(String orderId, Money amount, Status status, Optional<String> currentCip, List<CipView> cips) {

  /** The order as the shop needs it. */
  public enum Status {
    PAID,
    PENDING,
    EXPIRED,
    REFUNDED
  }

  public record CipView(String cip, PaymentState state, Optional<OffsetDateTime> expiresAt, Optional<OffsetDateTime> paidAt, List<String> evidenceKeys) {}
}
