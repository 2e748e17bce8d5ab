package io.pagorecon.core.webhook;

import io.pagorecon.core.money.Money;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A PagoEfectivo notification as parsed from the verified body. {@code rawEventType} is kept as
 * sent (unknown types are acknowledged and archived, never applied).
 *
 * @param cip the CIP as digits; absent only for an unknown event type without data
 * @param amount absent only on event types other than {@code cip.paid}
 */
public record Notification(
    String rawEventType,
    EventType type,
    Optional<String> cip,
    Optional<String> operationNumber,
    Optional<Money> amount,
    Optional<OffsetDateTime> paymentDate,
    Optional<String> transactionCode) {

  public Notification {
    Objects.requireNonNull(rawEventType, "rawEventType");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(operationNumber, "operationNumber");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(paymentDate, "paymentDate");
    Objects.requireNonNull(transactionCode, "transactionCode");
  }

  /** Idempotency key of the notification: PagoEfectivo sends no event id, so (cip, eventType). */
  public String idempotencyKey() {
    return cip.orElse("-") + "#" + rawEventType;
  }
}
