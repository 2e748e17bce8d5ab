package io.pagorecon.core.files;

import io.pagorecon.core.reconcile.OrderStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How to read a seller's orders export: which column holds each field and which status values
 * mean what. Configuration, not code: the canonical layout of Contract 2, the Shopify orders export,
 * or a properties file (see docs/reconciliation.md).
 *
 * @param statuses lower-case export value to our status
 * @param skipLineItemRows skip rows whose status and amount are both empty (Shopify repeats the
 *     order name on one extra row per line item, with the order fields empty)
 */
public record OrdersFormat(
    String name,
    String orderId,
    String cip,
    String amount,
    String currency,
    String status,
    String createdAt,
    String paidAt,
    Map<String, OrderStatus> statuses,
    boolean skipLineItemRows) {

  public OrdersFormat {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(paidAt, "paidAt");
    statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  private static Map<String, OrderStatus> canonicalStatuses() {
    Map<String, OrderStatus> m = new LinkedHashMap<>();
    for (OrderStatus s : OrderStatus.values()) {
      m.put(s.name().toLowerCase(Locale.ROOT), s);
    }
    return m;
  }

  /** Contract 2: {@code order_id,cip,amount,currency,status,created_at,paid_at}. */
  public static final OrdersFormat CANONICAL =
      new OrdersFormat("canonical", "order_id", "cip", "amount", "currency", "status", "created_at", "paid_at", canonicalStatuses(), false);

  /**
   * Shopify's orders export: {@code Name} is the order (and the CIP's transactionCode), {@code
   * Payment Reference} holds the CIP. Financial statuses: pending/authorized/partially_paid are
   * PENDING, paid and partially_refunded are PAID (money is still held), refunded is REFUNDED,
   * voided and expired are CANCELLED.
   */
  public static final OrdersFormat SHOPIFY = shopify();

  private static OrdersFormat shopify() {
    Map<String, OrderStatus> m = canonicalStatuses();
    m.put("authorized", OrderStatus.PENDING);
    m.put("partially_paid", OrderStatus.PENDING);
    m.put("partially_refunded", OrderStatus.PAID);
    m.put("voided", OrderStatus.CANCELLED);
    m.put("expired", OrderStatus.CANCELLED);
    return new OrdersFormat("shopify", "Name", "Payment Reference", "Total", "Currency", "Financial Status", "Created at", "Paid at", m, true);
  }

  /** A preset by name: {@code canonical} or {@code shopify}. */
  public static Optional<OrdersFormat> preset(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "canonical":
        return Optional.of(CANONICAL);
      case "shopify":
        return Optional.of(SHOPIFY);
      default:
        return Optional.empty();
    }
  }

  /**
   * A custom mapping: keys {@code column.order_id}, {@code column.cip}, ... {@code column.paid_at}
   * (default: the canonical names), {@code status.<value>=<PENDING|PAID|...>} (added to the
   * canonical values), {@code skip_line_item_rows=true|false}.
   *
   * @throws IllegalArgumentException naming the key when a value is not valid
   */
  public static OrdersFormat fromProperties(String name, Properties p) {
    Map<String, OrderStatus> m = canonicalStatuses();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("status.")) {
        String value = p.getProperty(key);
        OrderStatus s = OrderStatus.parse(value).orElseThrow(() -> new IllegalArgumentException(key + ": \"" + value + "\" is not one of PENDING, PAID, SHIPPED, CANCELLED, REFUNDED"));
        m.put(key.substring("status.".length()).trim().toLowerCase(Locale.ROOT), s);
      } else if (!key.startsWith("column.") && !key.equals("skip_line_item_rows")) {
        throw new IllegalArgumentException(key + ": unknown setting");
      }
    }
    return new OrdersFormat(
        name,
        p.getProperty("column.order_id", "order_id"),
        p.getProperty("column.cip", "cip"),
        p.getProperty("column.amount", "amount"),
        p.getProperty("column.currency", "currency"),
        p.getProperty("column.status", "status"),
        p.getProperty("column.created_at", "created_at"),
        p.getProperty("column.paid_at", "paid_at"),
        m,
        Boolean.parseBoolean(p.getProperty("skip_line_item_rows", "false")));
  }

  /** Our status for an export value (case-insensitive), empty when unmapped. */
  public Optional<OrderStatus> status(String value) {
    return Optional.ofNullable(statuses.get(value.trim().toLowerCase(Locale.ROOT)));
  }
}
