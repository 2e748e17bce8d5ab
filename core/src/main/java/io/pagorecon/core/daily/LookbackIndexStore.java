package io.pagorecon.core.daily;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Port: one lookback index object per business date (S3 {@code lookback/{stage}/{yyyy}/{mm}/{dd}/orders.idx}
 * in production), written by the daily run from the date's orders exports and read back in
 * ranges by the runs of the following days ({@link OrdersIndex}). Faults throw
 * {@link io.pagorecon.core.payment.StorageException}.
 */
public interface LookbackIndexStore {

  /** No index anywhere: the daily run reads every earlier export whole, as before the index existed. */
  LookbackIndexStore NONE = new LookbackIndexStore() {
    @Override
    public Optional<byte[]> read(LocalDate date, long offset, int length) {
      return Optional.empty();
    }

    @Override
    public void put(LocalDate date, byte[] index) {
      // nothing is kept
    }

    @Override
    public boolean enabled() {
      return false;
    }
  };

  /**
   * Bytes {@code [offset, offset + length)} of the date's index, fewer when the object ends sooner;
   * empty when the date has no index.
   */
  Optional<byte[]> read(LocalDate date, long offset, int length);

  /** Stores (replaces) the date's index. */
  void put(LocalDate date, byte[] index);

  /** False only for {@link #NONE}: the run then takes the old full-read path. */
  default boolean enabled() {
    return true;
  }
}
