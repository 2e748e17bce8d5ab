package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An event for the shop, published on the shop events bus so a shop subscribes with a rule
 * instead of polling. Delivery is at least once (a retried notification publishes again): {@link
 * #id()} is stable, so the shop drops what it has seen.
 *
 * @param cip the CIP the event is about (empty for order events without one)
 * @param reasons the Contract 1 categories holding the order back (payment.held only)
 * @param paid what was paid (payment events)
 */
public record ShopEvent(Type type, String orderId, Optional<String> cip, List<Category> reasons, Optional<Money> paid, Instant at) {

  public ShopEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(cip, "cip");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(paid, "paid");
    Objects.requireNonNull(at, "at");
  }

  public enum Type {
    /** The order became shippable: exactly one trusted, matching payment. */
    PAYMENT_CONFIRMED,
    /** The order is paid but must not ship; {@code reasons} say why. */
    PAYMENT_HELD,
    /** The shop cancelled the order; its unpaid CIPs were deleted at PagoEfectivo. */
    ORDER_CANCELLED,
    /** The order stayed open longer than OrderOpenHours and was cancelled automatically. */
    ORDER_EXPIRED;

    /** The EventBridge {@code detail-type}, e.g. {@code payment.confirmed}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
    }
  }

  /** Stable identity: the same happening published twice carries the same id. */
  public String id() {
    return type.wireName() + "|" + orderId + "|" + cip.orElse("") + "|" + String.join(",", reasons.stream().map(Enum::name).toList());
  }
}
