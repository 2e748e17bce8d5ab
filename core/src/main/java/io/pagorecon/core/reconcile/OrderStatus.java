package io.pagorecon.core.reconcile;

import java.util.Locale;
import java.util.Optional;

/** The seller's view of an order, as exported from the shop (Contract 2 {@code orders.csv}). */
public enum OrderStatus {
  PENDING,
  PAID,
  SHIPPED,
  CANCELLED,
  REFUNDED;

  /** Case-insensitive; empty for anything that is not one of the five names. */
  public static Optional<OrderStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "PENDING":
        return Optional.of(PENDING);
      case "PAID":
        return Optional.of(PAID);
      case "SHIPPED":
        return Optional.of(SHIPPED);
      case "CANCELLED":
        return Optional.of(CANCELLED);
      case "REFUNDED":
        return Optional.of(REFUNDED);
      default:
        return Optional.empty();
    }
  }

  /** The seller believes the money arrived (and may have shipped). */
  public boolean recordsPayment() {
    return this == PAID || this == SHIPPED;
  }

  /** The seller does not count the order as paid, so a gateway payment would be missed. */
  public boolean ignoresPayment() {
    return this == PENDING || this == CANCELLED;
  }
}
