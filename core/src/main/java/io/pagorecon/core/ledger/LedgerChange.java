package io.pagorecon.core.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an entry's audit trail: who did what, when, and the status before and after.
 *
 * @param actor {@code reconcile} for runs, otherwise the person (or tool) named by the caller
 * @param action {@code opened}, {@code seen}, {@code reopened}, {@code auto_resolved},
 *     {@code acknowledged}, {@code resolved}
 * @param note free text; "" when none
 */
public record LedgerChange(Instant at, String actor, String action, Optional<LedgerStatus> from, LedgerStatus to, String note) {

  public LedgerChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
  }
}
