package io.pagorecon.core.daily;

import java.time.LocalDate;
import java.util.List;

/**
 * Port: where the reports of a date go (S3 {@code reports/{stage}/{yyyy}/{mm}/{dd}/}). Writing a
 * date again replaces its reports. Infrastructure faults throw
 * {@link io.pagorecon.core.payment.StorageException}.
 */
public interface ReportStore {

  /** @return where the two reports are, for people (e.g. {@code s3://bucket/key}) */
  List<String> publish(LocalDate date, byte[] discrepanciesCsv, byte[] summaryJson);
}
