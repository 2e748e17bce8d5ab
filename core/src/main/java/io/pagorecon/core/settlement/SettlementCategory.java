package io.pagorecon.core.settlement;

import io.pagorecon.core.reconcile.Severity;

/**
 * The settlement findings (docs/settlement.md), declared in report order: most urgent first. The
 * names are stable: reports, the ledger and alerts use them.
 */
public enum SettlementCategory implements io.pagorecon.core.ledger.FindingCategory {
  SETTLED_NOT_PAID(Severity.CRITICAL),
  SETTLED_TWICE(Severity.CRITICAL),
  PAYOUT_NOT_RECEIVED(Severity.CRITICAL),
  SETTLEMENT_MISSING(Severity.HIGH),
  GROSS_MISMATCH(Severity.HIGH),
  NET_MISMATCH(Severity.HIGH),
  PAYOUT_SHORT(Severity.HIGH),
  FEE_MISMATCH(Severity.MEDIUM),
  FX_RATE_DEVIATION(Severity.MEDIUM),
  UNEXPECTED_CREDIT(Severity.LOW);

  private final Severity severity;

  SettlementCategory(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
