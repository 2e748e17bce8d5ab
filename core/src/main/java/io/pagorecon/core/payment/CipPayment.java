package io.pagorecon.core.payment;

import io.pagorecon.core.money.Money;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Our current view of one CIP (the state item). {@code version} is the optimistic lock: 0 means
 * not stored yet. {@code nextCheckAt} is set while the CIP needs polling by the sync job.
 */
public record CipPayment(
    String cip,
    PaymentState state,
    long version,
    Optional<String> orderId,
    Optional<Money> amount,
    Optional<OffsetDateTime> createdAt,
    Optional<OffsetDateTime> expiresAt,
    Optional<OffsetDateTime> paidAt,
    Instant updatedAt,
    Source lastSource,
    Optional<Instant> nextCheckAt,
    int checkStep) {

  public CipPayment {
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(lastSource, "lastSource");
    Objects.requireNonNull(nextCheckAt, "nextCheckAt");
  }

  /** A CIP we have never stored: UNKNOWN at version 0. */
  public static CipPayment unknown(String cip, Instant now) {
    return new CipPayment(cip, PaymentState.UNKNOWN, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), now, Source.SYNC, Optional.empty(), 0);
  }

  public CipPayment withState(PaymentState next) {
    return new CipPayment(cip, next, version, orderId, amount, createdAt, expiresAt, paidAt, updatedAt, lastSource, nextCheckAt, checkStep);
  }

  public CipPayment withNextCheck(Optional<Instant> at, int step) {
    return new CipPayment(cip, state, version, orderId, amount, createdAt, expiresAt, paidAt, updatedAt, lastSource, at, step);
  }

  public CipPayment withExpiresAt(Optional<OffsetDateTime> at) {
    return new CipPayment(cip, state, version, orderId, amount, createdAt, at, paidAt, updatedAt, lastSource, nextCheckAt, checkStep);
  }
}
