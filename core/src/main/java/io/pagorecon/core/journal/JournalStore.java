package io.pagorecon.core.journal;

/** Port: where journal objects go (the data bucket, under {@code journal/}, in production). */
public interface JournalStore {

  /**
   * Stores one journal object (JSON lines) under {@code key}.
   *
   * @throws io.pagorecon.core.payment.StorageException when the store cannot be reached
   */
  void put(String key, byte[] jsonLines);
}
