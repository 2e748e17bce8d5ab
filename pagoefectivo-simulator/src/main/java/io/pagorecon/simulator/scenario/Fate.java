package io.pagorecon.simulator.scenario;

import java.util.List;

/**
 * What happens to one order in a generated business day, and the discrepancy categories
 * (docs/contracts.md, Contract 1) a correct reconciliation of that day must report for it.
 */
public enum Fate {
  /** Paid, webhook on time, order PAID or SHIPPED. */
  MATCHED,
  /** Created today, CIP still payable, order PENDING: nothing to report yet. */
  PENDING_OPEN,
  /** Order cancelled, its unpaid CIP deleted. */
  CANCELLED,
  /** Paid, both webhook attempts lost, so the shop never learned: order still PENDING. */
  LOST_WEBHOOK("PAID_NOT_RECORDED", "MISSING_WEBHOOK"),
  /** Webhook more than 30 minutes after the payment. */
  LATE_WEBHOOK("LATE_WEBHOOK"),
  /** Webhook delivered twice (same bytes): deduplicated, nothing to report. */
  DUPLICATE_WEBHOOK,
  /** A forged webhook (bad signature, rejected) made the shop mark an unpaid order PAID. */
  FORGED_WEBHOOK("RECORDED_NOT_PAID"),
  /** A sandbox-signed webhook (rejected in production) made the shop mark an unpaid order PAID. */
  SANDBOX_WEBHOOK("RECORDED_NOT_PAID"),
  /** The CIP was issued in cents as if units: 100 times the order amount. */
  CENTS_AMOUNT("AMOUNT_MISMATCH"),
  /** Paid then reversed (extorno) at the gateway; the order is still PAID. */
  REFUND_NOT_SYNCED("REFUND_NOT_SYNCED"),
  /** Two CIPs of one order both paid (the second one's webhook is sometimes lost too). */
  DUPLICATE_PAYMENT("DUPLICATE_PAYMENT"),
  /** Paid and notified, but the shop left the order PENDING or CANCELLED. */
  PAID_NOT_RECORDED("PAID_NOT_RECORDED"),
  /** The shop trusted the browser redirect: order PAID, CIP still pending, no webhook. */
  RECORDED_NOT_PAID("RECORDED_NOT_PAID"),
  /** A CIP paid whose transaction code matches no order in the export. */
  UNKNOWN_ORDER("UNKNOWN_ORDER"),
  /** Order created yesterday, still PENDING 24 hours later, its CIP expired. */
  EXPIRED_OPEN("EXPIRED_ORDER_OPEN"),
  /** Order in PEN, CIP issued and paid in USD. */
  CURRENCY_MISMATCH("CURRENCY_MISMATCH"),
  /** A verified paid webhook for a CIP the gateway still reports unpaid; order marked PAID. */
  UNCONFIRMED_WEBHOOK("WEBHOOK_NOT_CONFIRMED", "RECORDED_NOT_PAID"),
  /** Paid late on the previous Lima day (the same UTC day): belongs to no finding of this date. */
  PREVIOUS_DAY;

  private final List<String> categories;

  Fate(String... categories) {
    this.categories = List.of(categories);
  }

  /** The categories this fate always yields (a duplicate payment may add MISSING_WEBHOOK). */
  public List<String> categories() {
    return categories;
  }
}
