package io.pagorecon.core.payment;

import io.pagorecon.core.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact about a CIP, recorded at most once under its {@code factKey}.
 *
 * @param factKey the idempotency key within the CIP: the notification's eventType for webhooks
 *     ({@code cip.paid}), {@code sync:PAID} for a recovered state, {@code api:CREATED} ... A
 *     redelivery carries the same key and is a duplicate.
 * @param businessDate Lima date of the payment time, else of the observation
 * @param rawBody the notification exactly as received (webhooks only)
 */
public record PaymentFact(
    String cip,
    PaymentEvent event,
    String factKey,
    Source source,
    Instant observedAt,
    LocalDate businessDate,
    Optional<Money> amount,
    Optional<String> orderId,
    Optional<OffsetDateTime> paidAt,
    Optional<OffsetDateTime> expiresAt,
    Optional<String> operationNumber,
    Optional<String> rawBody,
    Optional<String> evidenceKey) {

  public PaymentFact {
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(factKey, "factKey");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(operationNumber, "operationNumber");
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(evidenceKey, "evidenceKey");
  }
}
