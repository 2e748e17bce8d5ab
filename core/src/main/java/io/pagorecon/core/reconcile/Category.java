package io.pagorecon.core.reconcile;

/** The discrepancy categories of Contract 1 (docs/contracts.md). The names are a contract: never rename. */
public enum Category implements io.pagorecon.core.ledger.FindingCategory {
  PAID_NOT_RECORDED(Severity.CRITICAL),
  RECORDED_NOT_PAID(Severity.CRITICAL),
  WEBHOOK_NOT_CONFIRMED(Severity.CRITICAL),
  AMOUNT_MISMATCH(Severity.HIGH),
  CURRENCY_MISMATCH(Severity.HIGH),
  DUPLICATE_PAYMENT(Severity.HIGH),
  REFUND_NOT_SYNCED(Severity.HIGH),
  UNKNOWN_ORDER(Severity.HIGH),
  MISSING_WEBHOOK(Severity.MEDIUM),
  LATE_WEBHOOK(Severity.LOW),
  EXPIRED_ORDER_OPEN(Severity.LOW);

  private final Severity severity;

  Category(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
