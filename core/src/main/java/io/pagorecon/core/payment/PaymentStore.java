package io.pagorecon.core.payment;

import java.time.Instant;
import java.util.Optional;

/** Port: where CIP states and the facts behind them are kept (DynamoDB in production). */
public interface PaymentStore {

  Optional<CipPayment> find(String cip);

  /**
   * Atomically: stores {@code fact} unless a fact with the same (cip, factKey) exists; and, when
   * {@code next} is present, replaces the state item provided its stored version is still {@code
   * expectedVersion} (0: the item must not exist), writing {@code next} with version {@code
   * expectedVersion + 1}; and marks the CIP active on the fact's business date. All or nothing.
   *
   * @throws StorageException when the store cannot be reached; nothing was written
   */
  WriteResult record(PaymentFact fact, Optional<CipPayment> next, long expectedVersion);

  /** Asks the sync job to check a known CIP at {@code at}; false when the CIP is unknown. */
  boolean requestCheck(String cip, Instant at);

  enum WriteResult {
    WRITTEN,
    /** The fact was recorded before: nothing written. */
    DUPLICATE_FACT,
    /** Someone changed the state item meanwhile: nothing written, read again and retry. */
    VERSION_CONFLICT
  }
}
