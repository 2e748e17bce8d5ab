package io.pagorecon.simulator;

/** How a webhook's signature is spoiled (docs/pagoefectivo.md, simulator item 19). */
public enum Tamper {
  NONE,
  /** A signature of other bytes: must be rejected. */
  WRONG_SIGNATURE,
  /** The right signature in uppercase hex: must be accepted. */
  UPPERCASE_SIGNATURE,
  /** No {@code PE-Signature} header: must be rejected. */
  MISSING_SIGNATURE,
  /** Signed, then the body changed (amount): must be rejected. */
  BODY_ALTERED
}
