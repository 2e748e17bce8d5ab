package io.pagorecon.core.statement;

import java.time.LocalDate;
import java.util.List;

/** Port: tells operators that a day's statement could not be built (SNS in production). */
public interface StatementAlerts {

  /** No statement was written for {@code businessDate}; {@code failedCips} could not be looked up. */
  void statementFailed(LocalDate businessDate, String reason, List<String> failedCips);
}
