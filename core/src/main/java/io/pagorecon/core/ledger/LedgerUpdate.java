package io.pagorecon.core.ledger;

import java.util.List;

/**
 * What applying a run did to the ledger.
 *
 * @param opened entries created by this run
 * @param reopened RESOLVED/AUTO_RESOLVED entries found again
 * @param refreshed active entries found again whose stored facts changed (lastSeenDate, detail)
 * @param unchanged active entries found again with nothing to write (a same-day re-run)
 * @param autoResolved active entries of the run's scope that the run found consistent
 * @param alertPending entries found by this run that still owe their alert (new or reopened
 *     critical ones, including those of an earlier run that crashed before publishing)
 */
public record LedgerUpdate(
    List<LedgerEntry> opened,
    List<LedgerEntry> reopened,
    int refreshed,
    int unchanged,
    List<LedgerEntry> autoResolved,
    List<LedgerEntry> alertPending) {

  public LedgerUpdate {
    opened = List.copyOf(opened);
    reopened = List.copyOf(reopened);
    autoResolved = List.copyOf(autoResolved);
    alertPending = List.copyOf(alertPending);
  }
}
