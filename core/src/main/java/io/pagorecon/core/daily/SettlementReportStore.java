package io.pagorecon.core.daily;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Port: where a settlement run's reports go (S3 {@code reports/{stage}/settlements/{yyyy}/{mm}/}
 * of the as-of date). Writing again replaces them. Infrastructure faults throw {@link
 * io.pagorecon.core.payment.StorageException}.
 */
public interface SettlementReportStore {

  /** @return where the files are, for people, in the order given */
  List<String> publish(LocalDate asOf, Map<String, byte[]> files);
}
