package io.pagorecon.core.reconcile;

import java.util.Locale;

/** How urgent a discrepancy is (docs/contracts.md, Contract 1). Declared from most to least urgent. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  /** As written in reports and alerts: {@code critical}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
