package io.pagorecon.core.payment;

/** Something that happened to a CIP, whoever reported it (webhook, sync, payments API). */
public enum PaymentEvent {
  /** We created the CIP through the API. */
  CREATED,
  /** Paid at an agent or bank ({@code cip.paid}, search status 23). */
  PAID,
  /** Expiry passed unpaid ({@code cip.expired}, status 21). */
  EXPIRED,
  /** Logically deleted (status 25). */
  DELETED,
  /** Reversed after payment: an extorno ({@code cip.refunded}). */
  REFUNDED,
  /** Expiry moved later by PATCH: an expired CIP becomes payable again. */
  REOPENED,
  /** A notification of a type we do not know: kept as evidence, never moves the state. */
  UNRECOGNISED
}
