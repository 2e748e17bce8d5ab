package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One order of the seller's export. Compact on purpose (a million of them must fit in a Lambda):
 * the amount is in minor units, times are epoch millis ({@link Times#NONE} when empty), the CIP is
 * its digits as a number ({@link #NO_CIP} when empty).
 *
 * @param orderId the order key, equal to the CIP's PagoEfectivo {@code transactionCode}
 * @param line the line in the source file (for error messages), 0 when not from a file
 */
public record Order(
    String orderId,
    long cip,
    long amountMinor,
    Currency currency,
    OrderStatus status,
    long createdAt,
    long paidAt,
    int line) {

  public static final long NO_CIP = -1;

  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    if (createdAt == Times.NONE) {
      throw new IllegalArgumentException("createdAt is required");
    }
  }

  /** Convenience for tests and adapters; {@code cip} and {@code paidAt} may be null. */
  public static Order of(String orderId, String cip, Money amount, OrderStatus status, Instant createdAt, Instant paidAt) {
    return new Order(orderId, Cips.parse(cip), amount.minorUnits(), amount.currency(), status, Times.millis(createdAt), Times.millis(paidAt), 0);
  }

  public Money amount() {
    return Money.ofMinor(amountMinor, currency);
  }

  public boolean hasCip() {
    return cip != NO_CIP;
  }
}
