package io.pagorecon.core.daily;

import io.pagorecon.core.files.ReconcileFiles;
import java.util.List;
import java.util.Optional;

/**
 * Port: the settlement inputs the seller drops (S3 {@code inbox/} in production): the portal's
 * settlement exports, the bank statements, the fee contract and the reference rates. Listing and
 * opening may throw {@link io.pagorecon.core.payment.StorageException}.
 */
public interface SettlementInputs {

  /** Every settlement export, in name order. */
  List<ReconcileFiles.Source> settlementExports();

  /** Every bank statement, in name order. */
  List<ReconcileFiles.Source> bankStatements();

  Optional<ReconcileFiles.Source> feeContract();

  Optional<ReconcileFiles.Source> referenceRates();

  /** Where an input is expected, for messages: {@code settlements}, {@code bank}, {@code fees}. */
  String location(String input);
}
