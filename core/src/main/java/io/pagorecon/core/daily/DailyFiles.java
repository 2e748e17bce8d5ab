package io.pagorecon.core.daily;

import io.pagorecon.core.files.ReconcileFiles;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Port: the files of one business date (S3 {@code statements/} and {@code orders/} in
 * production). Listing and opening may throw {@link io.pagorecon.core.payment.StorageException}.
 */
public interface DailyFiles {

  /**
   * The statement of a date as the statement job published it: the manifest (written last, so its
   * presence means the job finished) and the CSV it describes. Empty when there is no manifest.
   */
  record Statement(String manifestName, byte[] manifestJson, ReconcileFiles.Source csv) {}

  Optional<Statement> statement(LocalDate date);

  /** The seller's orders export(s) dropped for the date, in name order; empty when none. */
  List<ReconcileFiles.Source> orders(LocalDate date);

  /**
   * A token that changes whenever the date's orders exports change (their names, sizes and
   * contents' tags): a lookback index is trusted only while the token it was built with still
   * matches. Empty when the store cannot say, and then no index of that date is ever used.
   */
  default Optional<String> ordersVersion(LocalDate date) {
    return Optional.empty();
  }

  /** Where the statement manifest of a date is expected (for messages). */
  String statementLocation(LocalDate date);

  /** Where the orders exports of a date are expected (for messages). */
  String ordersLocation(LocalDate date);
}
