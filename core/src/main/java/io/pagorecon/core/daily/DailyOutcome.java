package io.pagorecon.core.daily;

import io.pagorecon.core.ledger.LedgerUpdate;
import io.pagorecon.core.reconcile.ReconcileResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a daily run did.
 *
 * @param problems when not reconciled: what is missing or unusable, for people
 * @param alerted whether this run published an alert
 * @param unreadableWebhooks stored notifications that no longer parse (skipped, logged by the caller)
 */
public record DailyOutcome(
    LocalDate date,
    Kind kind,
    Optional<ReconcileResult> result,
    Optional<LedgerUpdate> ledger,
    List<String> reports,
    List<String> problems,
    boolean alerted,
    int unreadableWebhooks) {

  public enum Kind {
    /** Reports written, ledger updated. */
    RECONCILED,
    /** No statement (or not a trusted one) or no orders export: nothing reconciled, people told. */
    MISSING_INPUT,
    /** An input file is unreadable (file, line, field in {@code problems}): nothing reconciled, people told. */
    BAD_INPUT,
    /** The day has more rows than the function's memory holds ({@link DayCapacity}): nothing reconciled, people told the size. */
    TOO_LARGE
  }

  public DailyOutcome {
    reports = List.copyOf(reports);
    problems = List.copyOf(problems);
  }
}
