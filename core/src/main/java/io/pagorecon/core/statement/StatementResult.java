package io.pagorecon.core.statement;

import java.time.LocalDate;
import java.util.List;

/** What a statement run did: a complete statement, or none (and an alert). */
public sealed interface StatementResult {

  LocalDate businessDate();

  record Published(LocalDate businessDate, Manifest manifest) implements StatementResult {}

  /** Nothing was written; operators were alerted. */
  record Failed(LocalDate businessDate, String reason, List<String> failedCips) implements StatementResult {
    public Failed {
      failedCips = List.copyOf(failedCips);
    }
  }
}
