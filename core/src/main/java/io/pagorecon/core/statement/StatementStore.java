package io.pagorecon.core.statement;

import java.time.LocalDate;

/**
 * Port: where statements are published (S3 {@code statements/{stage}/{yyyy}/{mm}/{dd}/} in
 * production). Readers trust only the manifest, so it is written last; publishing a day again
 * replaces it (the versioned bucket keeps history).
 */
public interface StatementStore {

  /**
   * Writes the CSV, then the manifest.
   *
   * @throws io.pagorecon.core.payment.StorageException when either write fails
   */
  void publish(LocalDate businessDate, byte[] statementCsv, byte[] manifestJson);
}
