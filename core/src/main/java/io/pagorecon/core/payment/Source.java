package io.pagorecon.core.payment;

/** Who told us a fact about a CIP. */
public enum Source {
  /** A verified PagoEfectivo notification. */
  WEBHOOK,
  /** Our own poll of {@code cips/search} (missed-webhook recovery). */
  SYNC,
  /** Our payments API (a CIP we created or extended). */
  API,
  /** The seller's orders export (its cip column). */
  ORDERS;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
