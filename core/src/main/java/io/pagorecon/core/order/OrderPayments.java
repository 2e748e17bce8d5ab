package io.pagorecon.core.order;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.gateway.CipIssuer;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipStatusGateway;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.gateway.IssuedCip;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.CipRegistry;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payments API: issues CIPs for shop orders without ever causing a duplicate payment. The
 * order and its transactionCode are stored before the create is sent and the CIP right after; an
 * order with a payable CIP gets it back (or its expiry moved) instead of a new one; a create whose
 * answer was lost leaves the order marked, so a retry waits instead of blindly creating.
 */
public final class OrderPayments {

  private static final int MAX_ATTEMPTS = 5;

  /**
   * @param validity expiry of a new CIP when the request names none
   * @param minRemaining a CIP expiring sooner than this is extended rather than reused as is
   * @param pendingWindow how long an unanswered create blocks a new one (a lost answer's CIP may
   *     exist and be emailed to the shopper; after this the order may get a new CIP)
   */
  public record Settings(Duration validity, Duration minRemaining, Duration pendingWindow) {
    public Settings {
      Objects.requireNonNull(validity, "validity");
      Objects.requireNonNull(minRemaining, "minRemaining");
      Objects.requireNonNull(pendingWindow, "pendingWindow");
    }

    public static Settings standard() {
      return new Settings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofMinutes(15));
    }
  }

  private final OrderStore orders;
  private final PaymentStore payments;
  private final CipRegistry registry;
  private final PaymentRecorder recorder;
  private final CipIssuer issuer;
  private final CipStatusGateway lookups;
  private final ShopEvents events;
  private final BusinessCalendar calendar;
  private final Settings settings;

  /**
   * @param recorder records through the live assurance, so a payment a cancel finds is matched,
   *     decided and alerted like any other
   * @param lookups asks PagoEfectivo about a CIP it refused to delete (paid meanwhile?)
   */
  public OrderPayments(OrderStore orders, PaymentStore payments, CipRegistry registry, PaymentRecorder recorder, CipIssuer issuer,
      CipStatusGateway lookups, ShopEvents events, BusinessCalendar calendar, Settings settings) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.lookups = Objects.requireNonNull(lookups, "lookups");
    this.events = Objects.requireNonNull(events, "events");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @throws StorageException when the tables cannot be reached
   */
  public CreatePaymentResult create(CreatePayment cmd, Instant now) {
    Optional<CreatePaymentResult.Refused> invalid = validate(cmd, now);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    OffsetDateTime expiry = cmd.expiresAt().orElseGet(() -> now.plus(settings.validity()).atZone(calendar.zone()).toOffsetDateTime());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Order> found = orders.find(cmd.orderId());
      Order order;
      if (found.isEmpty()) {
        Order fresh = Order.newOrder(cmd.orderId(), cmd.amount(), now);
        if (!orders.save(fresh, 0)) {
          continue;
        }
        order = fresh.withVersion(1);
      } else {
        order = found.get();
      }
      if (order.amount().currency() != cmd.amount().currency() || order.amount().compareTo(cmd.amount()) != 0) {
        return CreatePaymentResult.Refused.of(ErrorCode.ORDER_CONFLICT, "order " + cmd.orderId() + " exists with another amount");
      }
      if (order.cancelled()) {
        return CreatePaymentResult.Refused.of(ErrorCode.ORDER_CANCELLED, "order " + cmd.orderId() + " is cancelled");
      }
      if (order.currentCip().isPresent()) {
        Optional<CreatePaymentResult> existing = existing(order, order.currentCip().get(), expiry, now);
        if (existing.isPresent()) {
          return existing.get();
        }
      }
      if (order.createPendingSince().isPresent() && now.isBefore(order.createPendingSince().get().plus(settings.pendingWindow()))) {
        return CreatePaymentResult.Refused.of(ErrorCode.PAYMENT_IN_PROGRESS,
            "a CIP is being created for order " + cmd.orderId() + " or its outcome is unknown; retry later");
      }
      Order marked = order.withCreatePending(Optional.of(now));
      if (!orders.save(marked, order.version())) {
        continue;
      }
      return issue(cmd, marked.withVersion(order.version() + 1), expiry, now);
    }
    throw new StorageException("order " + cmd.orderId() + " kept changing under " + MAX_ATTEMPTS + " attempts", null);
  }

  /** The order's current CIP when it can be reused or extended; empty when a new one is needed. */
  private Optional<CreatePaymentResult> existing(Order order, String cip, OffsetDateTime expiry, Instant now) {
    Optional<CipPayment> payment = payments.find(cip);
    // stored answer of a create not yet recorded as a fact: PagoEfectivo issued it, so it is payable
    PaymentState state = payment.map(CipPayment::state).orElse(PaymentState.PENDING);
    Optional<OffsetDateTime> expiresAt = payment.flatMap(CipPayment::expiresAt);
    switch (state) {
      case PAID:
      case REFUNDED:
        return Optional.of(new CreatePaymentResult.Refused(ErrorCode.ORDER_ALREADY_PAID, "order " + order.orderId() + " is paid",
            List.of(), Optional.of(cip), Optional.of(state)));
      case DELETED:
        return Optional.empty();
      default:
        break;
    }
    boolean fresh = expiresAt.isPresent() && expiresAt.get().toInstant().isAfter(now.plus(settings.minRemaining()));
    if (state == PaymentState.PENDING && (fresh || expiresAt.isEmpty())) {
      return Optional.of(new CreatePaymentResult.Reused(order.orderId(), cip, expiresAt));
    }
    try {
      issuer.changeExpiry(cip, expiry);
    } catch (GatewayException e) {
      return Optional.of(gatewayRefusal(e, cip));
    }
    recorder.record(new PaymentFact(cip, PaymentEvent.REOPENED, "api:REOPENED:" + expiry.toEpochSecond(), Source.API, now,
        calendar.businessDate(now), Optional.empty(), Optional.of(order.orderId()), Optional.empty(), Optional.of(expiry),
        Optional.empty(), Optional.empty(), Optional.empty()));
    return Optional.of(new CreatePaymentResult.Extended(order.orderId(), cip, expiry));
  }

  private CreatePaymentResult issue(CreatePayment cmd, Order marked, OffsetDateTime expiry, Instant now) {
    CipRequest request = new CipRequest(cmd.orderId(), cmd.amount(), Optional.of(expiry), cmd.userEmail(), cmd.paymentConcept(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    IssuedCip issued;
    try {
      issued = issuer.create(request);
    } catch (GatewayException e) {
      if (e.kind() == GatewayException.Kind.OUTCOME_UNKNOWN) {
        return CreatePaymentResult.Refused.of(ErrorCode.GATEWAY_OUTCOME_UNKNOWN,
            "PagoEfectivo did not answer; the CIP may exist. Retry after a while: the order is checked first");
      }
      clearPending(marked);
      return gatewayRefusal(e, null);
    }
    storeIssued(marked, issued.cip());
    recorder.record(new PaymentFact(issued.cip(), PaymentEvent.CREATED, "api:CREATED", Source.API, now, calendar.businessDate(now),
        Optional.of(cmd.amount()), Optional.of(cmd.orderId()), Optional.empty(), Optional.of(issued.dateExpiry()),
        Optional.empty(), Optional.empty(), Optional.empty()));
    return new CreatePaymentResult.Created(cmd.orderId(), issued.cip(), issued.dateExpiry(), issued.cipUrl());
  }

  private void storeIssued(Order marked, String cip) {
    Order current = marked;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (orders.save(current.withIssued(cip), current.version())) {
        return;
      }
      current = orders.find(marked.orderId()).orElseThrow(() -> new StorageException("order " + marked.orderId() + " vanished", null));
    }
    throw new StorageException("order " + marked.orderId() + ": cip " + cip + " issued but not stored after " + MAX_ATTEMPTS + " attempts", null);
  }

  private void clearPending(Order marked) {
    // a lost race only means someone else moved the order on: their write wins
    orders.save(marked.withCreatePending(Optional.empty()), marked.version());
  }

  private static CreatePaymentResult.Refused gatewayRefusal(GatewayException e, String cip) {
    if (e.kind() == GatewayException.Kind.VALIDATION) {
      return new CreatePaymentResult.Refused(ErrorCode.INVALID_FIELD, "PagoEfectivo rejected the request",
          e.fieldErrors().stream().map(GatewayException.FieldError::field).toList(), Optional.ofNullable(cip), Optional.empty());
    }
    return new CreatePaymentResult.Refused(ErrorCode.GATEWAY_ERROR, "PagoEfectivo refused or could not answer (" + e.kind() + ")",
        List.of(), Optional.ofNullable(cip), Optional.empty());
  }

  private static Optional<CreatePaymentResult.Refused> validate(CreatePayment cmd, Instant now) {
    List<String> bad = new ArrayList<>();
    if (cmd.orderId().isBlank() || cmd.orderId().length() > 36) {
      bad.add("orderId");
    }
    if (cmd.userEmail().isBlank() || cmd.userEmail().length() > 100 || !cmd.userEmail().contains("@")) {
      bad.add("userEmail");
    }
    if (cmd.paymentConcept().map(c -> c.isBlank() || c.length() > 50).orElse(false)) {
      bad.add("paymentConcept");
    }
    if (cmd.expiresAt().map(e -> !e.toInstant().isAfter(now)).orElse(false)) {
      bad.add("expiresAt");
    }
    if (cmd.amount().amount().signum() <= 0) {
      return Optional.of(new CreatePaymentResult.Refused(ErrorCode.INVALID_AMOUNT, "amount must be positive", List.of("amount"),
          Optional.empty(), Optional.empty()));
    }
    if (bad.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CreatePaymentResult.Refused(ErrorCode.INVALID_FIELD, "invalid fields: " + bad, bad, Optional.empty(), Optional.empty()));
  }

  /** The order's payment state and decision; empty for an order we do not know. */
  public Optional<OrderPayment> status(String orderId) {
    return orders.find(orderId).map(order -> {
      List<OrderPayment.CipView> views = new ArrayList<>();
      Map<String, Optional<CipPayment>> stored = new HashMap<>();
      for (String cip : order.cips()) {
        Optional<CipPayment> p = payments.find(cip);
        stored.put(cip, p);
        PaymentState state = p.map(CipPayment::state).orElse(PaymentState.UNKNOWN);
        views.add(new OrderPayment.CipView(cip, state, p.flatMap(CipPayment::expiresAt), p.flatMap(CipPayment::paidAt),
            registry.evidenceKeys(cip), order.sourceOf(cip), state.isSettled() ? p.flatMap(CipPayment::amount) : Optional.empty()));
      }
      PaymentDecision decision = PaymentDecision.of(order, stored::get);
      return new OrderPayment(order.orderId(), order.amount(), overall(order, views), order.currentCip(), views,
          decision.shippable(), decision.reasons());
    });
  }

  /**
   * {@code DELETE /payments/{orderId}}: cancels the order and deletes every unpaid CIP of it at
   * PagoEfectivo. The order is marked cancelled first, so a payment that lands meanwhile finds it
   * cancelled and holds it (PAID_NOT_RECORDED, alerted); a CIP PagoEfectivo refuses to delete is
   * looked up, and a payment found is recorded (source SYNC) and stands. Repeating a cancel is
   * harmless: it deletes what is still payable.
   *
   * @param expired the auto-cancel of an order open longer than OrderOpenHours ({@code order.expired})
   * @throws io.pagorecon.core.gateway.GatewayException when PagoEfectivo cannot be reached: the
   *     order stays cancelled and a retry deletes the rest
   */
  public CancelResult cancel(String orderId, Instant now, boolean expired) {
    Optional<Order> found = orders.find(orderId);
    if (found.isEmpty()) {
      return new CancelResult.NotFound(orderId);
    }
    Order order = found.get();
    Optional<CancelResult> paid = paid(order);
    if (paid.isPresent()) {
      return paid.get();
    }
    for (int attempt = 0; !order.cancelled(); attempt++) {
      if (attempt >= MAX_ATTEMPTS) {
        throw new StorageException("order " + orderId + " kept changing under " + MAX_ATTEMPTS + " attempts", null);
      }
      if (orders.save(order.withCancelled(now), order.version())) {
        order = order.withCancelled(now).withVersion(order.version() + 1);
      } else {
        order = orders.find(orderId).orElseThrow(() -> new StorageException("order " + orderId + " vanished", null));
      }
    }
    List<String> deleted = new ArrayList<>();
    for (String cip : order.cips()) {
      PaymentState state = payments.find(cip).map(CipPayment::state).orElse(PaymentState.PENDING);
      if (state.isSettled() || state == PaymentState.DELETED) {
        continue;
      }
      try {
        issuer.delete(cip);
        deleted.add(cip);
        recorder.record(new PaymentFact(cip, PaymentEvent.DELETED, "api:DELETED", Source.API, now, calendar.businessDate(now),
            Optional.empty(), Optional.of(orderId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
      } catch (GatewayException e) {
        if (e.kind() != GatewayException.Kind.REJECTED && e.kind() != GatewayException.Kind.VALIDATION) {
          throw e;
        }
        recordWhatTheGatewaySays(cip, now);
      }
    }
    Order cancelled = orders.find(orderId).orElse(order);
    paid = paid(cancelled);
    if (paid.isPresent()) {
      return paid.get();
    }
    events.publish(new ShopEvent(expired ? ShopEvent.Type.ORDER_EXPIRED : ShopEvent.Type.ORDER_CANCELLED, orderId, Optional.empty(),
        List.of(), Optional.empty(), now));
    return new CancelResult.Cancelled(orderId, deleted);
  }

  /** The order's paid CIPs, when it has any: such an order is not cancelled. */
  private Optional<CancelResult> paid(Order order) {
    PaymentDecision decision = PaymentDecision.of(order, payments::find);
    List<String> settled = order.cips().stream()
        .filter(c -> payments.find(c).map(p -> p.state().isSettled()).orElse(false)).toList();
    if (settled.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CancelResult.Paid(order.orderId(), settled, decision.reasons()));
  }

  /** PagoEfectivo refused to delete the CIP: record the state its API reports (a payment that raced the cancel). */
  private void recordWhatTheGatewaySays(String cip, Instant now) {
    CipLookup lookup = lookups.search(List.of(cip)).getOrDefault(cip, new CipLookup.Failed(cip, "no answer"));
    if (!(lookup instanceof CipLookup.Found found)) {
      return;
    }
    GatewayCip g = found.gatewayCip();
    Optional<PaymentEvent> event = SyncSweep.eventFor(g.state());
    if (event.isEmpty()) {
      return;
    }
    Instant factTime = g.paidAt().map(OffsetDateTime::toInstant).orElse(now);
    recorder.record(new PaymentFact(cip, event.get(), "sync:" + g.state().name(), Source.SYNC, now, calendar.businessDate(factTime),
        g.amount(), g.transactionCode(), g.paidAt(), g.expiresAt(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  private static OrderPayment.Status overall(Order order, List<OrderPayment.CipView> cips) {
    if (cips.stream().anyMatch(c -> c.state() == PaymentState.PAID)) {
      return OrderPayment.Status.PAID;
    }
    if (cips.stream().anyMatch(c -> c.state() == PaymentState.REFUNDED)) {
      return OrderPayment.Status.REFUNDED;
    }
    if (order.cancelled()) {
      return OrderPayment.Status.CANCELLED;
    }
    if (order.createPendingSince().isPresent()
        || cips.stream().anyMatch(c -> c.state() == PaymentState.PENDING || c.state() == PaymentState.UNKNOWN)) {
      return OrderPayment.Status.PENDING;
    }
    return OrderPayment.Status.EXPIRED;
  }
}
