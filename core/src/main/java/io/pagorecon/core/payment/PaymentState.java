package io.pagorecon.core.payment;

/**
 * Our state of one CIP. PagoEfectivo's codes map onto these in exactly one place, the client:
 * 22 generado = PENDING, 23 cancelado (= paid!) = PAID, 21 expirado = EXPIRED, 25 eliminado =
 * DELETED; a reversal (extorno) is REFUNDED. UNKNOWN means we asked and got no usable answer.
 */
public enum PaymentState {
  UNKNOWN,
  PENDING,
  EXPIRED,
  DELETED,
  PAID,
  REFUNDED;

  /** Money has reached the merchant (and may have been reversed since). */
  public boolean isSettled() {
    return this == PAID || this == REFUNDED;
  }

  /** A shopper can still pay it. */
  public boolean isPayable() {
    return this == PENDING;
  }
}
