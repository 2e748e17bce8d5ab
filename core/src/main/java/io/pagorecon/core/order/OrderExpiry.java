package io.pagorecon.core.order;

import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.CipRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The auto-cancel (OrderOpenHours): an order left unpaid longer than {@code openFor} is cancelled at
 * PagoEfectivo exactly as the shop's {@code DELETE /payments/{orderId}} would, and {@code
 * order.expired} is published. Candidates are the orders of the CIPs the sync job still checks
 * ({@link CipRegistry#openCips()}, a query of the sparse index, never a scan). One order's failure
 * is reported, never fatal: it is tried again on the next run.
 */
public final class OrderExpiry {

  /** What one run did: the orders it cancelled, those found paid meanwhile, and failures. */
  public record Report(List<String> expired, List<String> paid, List<String> failures) {
    public Report {
      expired = List.copyOf(expired);
      paid = List.copyOf(paid);
      failures = List.copyOf(failures);
    }
  }

  private final CipRegistry registry;
  private final PaymentStore payments;
  private final OrderStore orders;
  private final OrderPayments api;
  private final Duration openFor;
  private final int maxPerRun;

  public OrderExpiry(CipRegistry registry, PaymentStore payments, OrderStore orders, OrderPayments api, Duration openFor, int maxPerRun) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.api = Objects.requireNonNull(api, "api");
    this.openFor = Objects.requireNonNull(openFor, "openFor");
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("openFor must be positive (0 disables the auto-cancel: do not build one)");
    }
    if (maxPerRun < 1) {
      throw new IllegalArgumentException("maxPerRun must be at least 1");
    }
    this.maxPerRun = maxPerRun;
  }

  public Report run(Instant now) {
    Set<String> candidates = new LinkedHashSet<>();
    for (String cip : registry.openCips()) {
      payments.find(cip).flatMap(CipPayment::orderId).ifPresent(candidates::add);
    }
    List<String> expired = new ArrayList<>();
    List<String> paid = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int cancels = 0;
    for (String orderId : candidates) {
      if (cancels >= maxPerRun) {
        break;
      }
      try {
        Optional<Order> order = orders.find(orderId);
        if (order.isEmpty() || order.get().cancelled() || now.isBefore(order.get().createdAt().plus(openFor))) {
          continue;
        }
        cancels++;
        CancelResult result = api.cancel(orderId, now, true);
        if (result instanceof CancelResult.Cancelled) {
          expired.add(orderId);
        } else if (result instanceof CancelResult.Paid) {
          paid.add(orderId);
        }
      } catch (StorageException | GatewayException e) {
        failures.add(orderId + ": " + e.getMessage());
      }
    }
    return new Report(expired, paid, failures);
  }
}
