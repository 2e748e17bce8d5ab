package io.pagorecon.core.ledger;

import java.util.Locale;
import java.util.Optional;

/** Where a discrepancy stands in the ledger (docs/contracts.md, Contract 1). The names are stored: never rename. */
public enum LedgerStatus {
  OPEN,
  ACKNOWLEDGED,
  RESOLVED,
  AUTO_RESOLVED;

  /** Still needs someone: OPEN or ACKNOWLEDGED. */
  public boolean isActive() {
    return this == OPEN || this == ACKNOWLEDGED;
  }

  /** Any case; empty for anything else. */
  public static Optional<LedgerStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
