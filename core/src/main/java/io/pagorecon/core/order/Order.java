package io.pagorecon.core.order;

import io.pagorecon.core.money.Money;
import java.time.Instant;
import io.pagorecon.core.payment.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop order we issue CIPs for (the ORDER# item). {@code orderId} is the transactionCode sent to
 * PagoEfectivo. {@code createPendingSince} is set before a create is sent and cleared once its
 * answer is stored: while set, a retry must not blindly create another CIP. {@code version} is the
 * optimistic lock (0: not stored). {@code matched} names the CIPs of {@code cips} we did not issue
 * (created elsewhere, or by a create whose answer was lost) and who told us about them (a
 * notification naming the order in its transactionCode, or the sync job). {@code cancelledAt} is
 * set once the shop (or the auto-cancel) cancelled the order.
 */
public record Order(String orderId, Money amount, Instant createdAt, List<String> cips, Optional<String> currentCip,
    Optional<Instant> createPendingSince, Map<String, Source> matched, Optional<Instant> cancelledAt, long version) {

  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(createdAt, "createdAt");
    cips = List.copyOf(cips);
    Objects.requireNonNull(currentCip, "currentCip");
    Objects.requireNonNull(createPendingSince, "createPendingSince");
    matched = Map.copyOf(matched);
    Objects.requireNonNull(cancelledAt, "cancelledAt");
  }

  public Order(String orderId, Money amount, Instant createdAt, List<String> cips, Optional<String> currentCip,
      Optional<Instant> createPendingSince, long version) {
    this(orderId, amount, createdAt, cips, currentCip, createPendingSince, Map.of(), Optional.empty(), version);
  }

  public static Order newOrder(String orderId, Money amount, Instant now) {
    return new Order(orderId, amount, now, List.of(), Optional.empty(), Optional.empty(), 0);
  }

  public Order withCreatePending(Optional<Instant> since) {
    return new Order(orderId, amount, createdAt, cips, currentCip, since, matched, cancelledAt, version);
  }

  /** The order with {@code cip} issued and current, the pending mark cleared. */
  public Order withIssued(String cip) {
    List<String> all = new ArrayList<>(cips);
    if (!all.contains(cip)) {
      all.add(cip);
    }
    return new Order(orderId, amount, createdAt, all, Optional.of(cip), Optional.empty(), matched, cancelledAt, version);
  }

  /**
   * The order with a CIP it did not issue but whose transactionCode names it, learned from {@code
   * source}. While a create of ours is unanswered, this is most likely its CIP (the answer was
   * lost): it becomes current and the pending mark is cleared.
   */
  public Order withMatched(String cip, Source source) {
    if (cips.contains(cip)) {
      return this;
    }
    List<String> all = new ArrayList<>(cips);
    all.add(cip);
    Map<String, Source> m = new LinkedHashMap<>(matched);
    m.put(cip, source);
    boolean lostCreate = createPendingSince.isPresent() && currentCip.isEmpty();
    return new Order(orderId, amount, createdAt, all, lostCreate ? Optional.of(cip) : currentCip,
        lostCreate ? Optional.empty() : createPendingSince, m, cancelledAt, version);
  }

  public Order withCancelled(Instant at) {
    return new Order(orderId, amount, createdAt, cips, currentCip, createPendingSince, matched, Optional.of(at), version);
  }

  public boolean cancelled() {
    return cancelledAt.isPresent();
  }

  /** How a CIP of the order became known: {@code API} when we issued it. */
  public Source sourceOf(String cip) {
    return matched.getOrDefault(cip, Source.API);
  }

  public Order withVersion(long v) {
    return new Order(orderId, amount, createdAt, cips, currentCip, createPendingSince, matched, cancelledAt, v);
  }
}
