package io.pagorecon.core.payment;

/**
 * What happens after a fact is recorded (matching the CIP to its order, the payment decision, live
 * alerts and shop events). Called for every outcome, a duplicate included: a delivery retried
 * after a fault finishes the work the first one could not, so it must be idempotent. A failure
 * throws, and the caller answers 5xx so the retry lands.
 */
@FunctionalInterface
public interface RecordObserver {

  RecordObserver NONE = (fact, outcome) -> { };

  void recorded(PaymentFact fact, RecordOutcome outcome);
}
