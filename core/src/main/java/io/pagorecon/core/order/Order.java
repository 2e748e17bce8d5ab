package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop order we issue CIPs for (the ORDER# item). {@code orderId} is the transactionCode sent to
 * PagoEfectivo. {@code createPendingSince} is set before a create is sent and cleared once its
 * answer is stored: while set, a retry must not blindly create another CIP. {@code version} is the
 * optimistic lock (0: not stored).
 */
public record Order(String orderId, Money amount, Instant createdAt, List<String> cips, Optional<String> currentCip,
    Optional<Instant> createPendingSince, long version) {

  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(createdAt, "createdAt");
    cips = List.copyOf(cips);
    Objects.requireNonNull(currentCip, "currentCip");
    Objects.requireNonNull(createPendingSince, "createPendingSince");
  }

  public static Order newOrder(String orderId, Money amount, Instant now) {
    return new Order(orderId, amount, now, List.of(), Optional.empty(), Optional.empty(), 0);
  }

  public Order withCreatePending(Optional<Instant> since) {
    return new Order(orderId, amount, createdAt, cips, currentCip, since, version);
  }

  /** The order with {@code cip} issued and current, the pending mark cleared. */
  public Order withIssued(String cip) {
    List<String> all = new ArrayList<>(cips);
    if (!all.contains(cip)) {
      all.add(cip);
    }
    return new Order(orderId, amount, createdAt, all, Optional.of(cip), Optional.empty(), version);
  }

  public Order withVersion(long v) {
    return new Order(orderId, amount, createdAt, cips, currentCip, createPendingSince, v);
  }
}
