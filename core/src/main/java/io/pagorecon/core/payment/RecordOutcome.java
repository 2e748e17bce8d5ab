package io.pagorecon.core.payment;

/** What recording a fact did. Each is a normal outcome, not an error. */
public sealed interface RecordOutcome {

  /** The fact changed the CIP's state. */
  record Applied(PaymentState from, PaymentState to) implements RecordOutcome {}

  /** Recorded as evidence, state unchanged: the event is stale for the current state (a late
   * {@code cip.expired} after payment, a webhook for a payment sync already recovered). */
  record Stale(PaymentState state) implements RecordOutcome {}

  /** Seen before under the same key: nothing written. */
  record Duplicate(PaymentState state) implements RecordOutcome {}
}
