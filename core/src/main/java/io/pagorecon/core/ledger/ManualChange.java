package io.pagorecon.core.ledger;

import java.util.Optional;

/** The outcome of a person's acknowledge or resolve: a value, never an exception. */
public record ManualChange(Outcome outcome, Optional<LedgerEntry> entry) {

  public enum Outcome {
    /** Stored; {@code entry} is the new version. */
    UPDATED,
    /** No entry has that id. */
    NOT_FOUND,
    /** The status does not allow it (e.g. resolving a RESOLVED entry); {@code entry} is as stored. */
    NOT_ALLOWED
  }
}
