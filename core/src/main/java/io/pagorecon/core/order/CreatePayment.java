package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /payments}: a CIP for a shop order. {@code userEmail} is personal data: it goes to
 * PagoEfectivo and is never logged or stored by us.
 */
public record CreatePayment(String orderId, Money amount, String userEmail, Optional<OffsetDateTime> expiresAt,
    Optional<String> paymentConcept) {

  public CreatePayment {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(userEmail, "userEmail");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(paymentConcept, "paymentConcept");
  }
}
