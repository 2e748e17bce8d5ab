package io.pagorecon.core.order;

import io.pagorecon.core.alert.AlertPublisher;
import io.pagorecon.core.alert.LiveAlerts;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.Ledger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.RecordObserver;
import io.pagorecon.core.payment.RecordOutcome;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.time.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Live payment assurance, run after every recorded fact (webhook, sync, cancel look-up):
 *
 * <ol>
 *   <li><b>match</b> the CIP to its order: the order we issued it for; else the order its
 *       transactionCode names (the CIP is added to that order with the fact's source); else, when it
 *       is paid, an orphan payment: kept as recorded, its evidence archived by the webhook, and
 *       alerted as {@code UNKNOWN_ORDER};
 *   <li><b>decide</b> ({@link PaymentDecision}) and alert, once per discrepancy and CIP, the payment
 *       that must hold the order back: wrong amount or currency, a second payment, a payment racing a
 *       cancel. Once-only is the ledger entry itself ({@link DiscrepancyLedger#openLive}), with the
 *       id the daily run gives the same finding, so the run neither opens nor alerts it again;
 *   <li><b>tell the shop</b>: {@code payment.confirmed} or {@code payment.held} with the reasons.
 * </ol>
 *
 * Everything is idempotent, so a retried delivery finishes what a failed one left undone.
 */
public final class PaymentAssurance implements RecordObserver {

  private static final int MAX_ATTEMPTS = 5;

  private final OrderStore orders;
  private final PaymentStore payments;
  private final Ledger ledgerStore;
  private final DiscrepancyLedger ledger;
  private final AlertPublisher alerts;
  private final LiveAlerts texts;
  private final ShopEvents events;
  private final BusinessCalendar calendar;
  private final boolean alertOrphans;

  /**
   * @param alertOrphans alert a payment naming no order as UNKNOWN_ORDER at once: right when the
   *     shop issues its CIPs through the payments API; a shop issuing them itself (straight at
   *     PagoEfectivo) has no order here, and the daily run judges its payments against its export
   */
  public PaymentAssurance(OrderStore orders, PaymentStore payments, Ledger ledger, AlertPublisher alerts, LiveAlerts texts,
      ShopEvents events, BusinessCalendar calendar, boolean alertOrphans) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.ledgerStore = Objects.requireNonNull(ledger, "ledger");
    this.ledger = new DiscrepancyLedger(ledger);
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.texts = Objects.requireNonNull(texts, "texts");
    this.events = Objects.requireNonNull(events, "events");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.alertOrphans = alertOrphans;
  }

  @Override
  public void recorded(PaymentFact fact, RecordOutcome outcome) {
    // One strongly consistent read per CIP and fact: the match, the decision and the findings all
    // judge the same snapshot, and the common case costs one state read, not three.
    Map<String, Optional<CipPayment>> snapshot = new HashMap<>();
    Function<String, Optional<CipPayment>> find = c -> snapshot.computeIfAbsent(c, payments::find);
    Optional<CipPayment> stored = find.apply(fact.cip());
    if (stored.isEmpty()) {
      return;
    }
    CipPayment cip = stored.get();
    Optional<String> orderId = cip.orderId().or(fact::orderId);
    Optional<Order> found = orderId.flatMap(orders::find);
    if (found.isEmpty()) {
      if (cip.state() == PaymentState.PAID && alertOrphans) {
        orphan(fact, cip, orderId);
      }
      return;
    }
    Order order = match(found.get(), fact.cip(), fact.source());
    if (!cip.state().isSettled()) {
      return;
    }
    PaymentDecision decision = PaymentDecision.of(order, find);
    LocalDate date = fact.businessDate();
    for (Discrepancy d : discrepancies(order, decision, fact.cip(), date, find)) {
      alertOnce(d, date, fact.source(), fact.observedAt());
    }
    boolean delivered = outcome instanceof RecordOutcome.Applied || outcome instanceof RecordOutcome.Duplicate;
    if (delivered && (fact.event() == PaymentEvent.PAID || fact.event() == PaymentEvent.REFUNDED)) {
      publish(order, decision, fact.cip(), cip.amount(), fact.observedAt());
    }
  }

  /** A sandbox-signed notification reached production: alert once per CIP (a marker remembers it). */
  public void sandboxSigned(String cip, Optional<String> transactionCode, Optional<Money> amount) {
    String marker = LiveAlerts.sandboxMarker(cip);
    if (ledgerStore.hasMarker(marker)) {
      return;
    }
    alerts.publish(texts.sandboxSigned(cip, transactionCode, amount));
    ledgerStore.putMarker(marker);
  }

  /** Tells the shop where a paid order stands after a payment fact. */
  void publish(Order order, PaymentDecision decision, String cip, Optional<Money> paid, Instant at) {
    if (decision.shippable()) {
      events.publish(new ShopEvent(ShopEvent.Type.PAYMENT_CONFIRMED, order.orderId(), Optional.of(cip), List.of(), paid, at));
    } else if (!decision.reasons().isEmpty()) {
      events.publish(new ShopEvent(ShopEvent.Type.PAYMENT_HELD, order.orderId(), Optional.of(cip), decision.reasons(), paid, at));
    }
  }

  /** Adds a CIP naming the order to it (source WEBHOOK or SYNC); the stored order when it is there already. */
  private Order match(Order order, String cip, Source source) {
    Order current = order;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (current.cips().contains(cip)) {
        return current;
      }
      Order next = current.withMatched(cip, source);
      if (orders.save(next, current.version())) {
        return next.withVersion(current.version() + 1);
      }
      current = orders.find(order.orderId()).orElseThrow(() -> new StorageException("order " + order.orderId() + " vanished", null));
    }
    throw new StorageException("order " + order.orderId() + ": cip " + cip + " not matched after " + MAX_ATTEMPTS + " attempts", null);
  }

  private void orphan(PaymentFact fact, CipPayment cip, Optional<String> code) {
    Optional<Money> paid = cip.amount();
    Discrepancy d = new Discrepancy(Category.UNKNOWN_ORDER, Optional.of(fact.businessDate()), code.orElse(""), ledgerCip(cip.cip()),
        Optional.empty(), paid, paid.map(Money::currency), Optional.empty(), Optional.of(PaymentState.PAID),
        code.map(c -> "no order " + c).orElse("PAID CIP without a transaction code matches no order"), paidAt(cip));
    alertOnce(d, fact.businessDate(), fact.source(), fact.observedAt());
  }

  /**
   * The findings this CIP's payment takes part in, with the identity the daily run gives them
   * (Reconciler): category, order id, and the CIP (for a duplicate, every paid CIP but the one that
   * stands: the order's own, else the first paid).
   */
  private List<Discrepancy> discrepancies(Order order, PaymentDecision decision, String cip, LocalDate date,
      Function<String, Optional<CipPayment>> find) {
    List<Discrepancy> out = new ArrayList<>();
    if (!decision.paidCips().contains(cip)) {
      return out;
    }
    CipPayment paid = find.apply(cip).orElseThrow();
    for (Category c : PaymentDecision.mismatches(order.amount(), paid.amount())) {
      String detail = c == Category.CURRENCY_MISMATCH
          ? "gateway " + paid.amount().map(m -> m.currency().name()).orElse("?") + " vs order " + order.amount().currency()
          : "gateway " + paid.amount().map(Money::toPlainString).orElse("?") + " vs order " + order.amount().toPlainString();
      out.add(finding(c, order, ledgerCip(cip), paid, date, detail));
    }
    if (decision.paidCips().size() > 1) {
      List<CipPayment> all = decision.paidCips().stream().map(c -> find.apply(c).orElseThrow())
          .sorted(Comparator.comparingLong((CipPayment p) -> numeric(p.cip()))).toList();
      CipPayment standing = all.stream().filter(p -> order.currentCip().filter(p.cip()::equals).isPresent()).findFirst()
          .orElseGet(() -> all.stream().min(Comparator.comparing((CipPayment p) -> p.paidAt().map(OffsetDateTime::toInstant).orElse(Instant.MAX))
              .thenComparingLong(p -> numeric(p.cip()))).orElseThrow());
      String duplicates = all.stream().filter(p -> p != standing).map(p -> ledgerCip(p.cip())).collect(Collectors.joining(";"));
      out.add(finding(Category.DUPLICATE_PAYMENT, order, duplicates, paid, date,
          all.size() + " CIPs paid: " + all.stream().map(p -> ledgerCip(p.cip())).collect(Collectors.joining(";"))
              + "; kept " + ledgerCip(standing.cip())));
    }
    if (order.cancelled()) {
      out.add(finding(Category.PAID_NOT_RECORDED, order, ledgerCip(cip), paid, date, "gateway PAID but order CANCELLED"));
    }
    return out;
  }

  private Discrepancy finding(Category c, Order order, String cip, CipPayment paid, LocalDate date, String detail) {
    return new Discrepancy(c, Optional.of(date), order.orderId(), cip, Optional.of(order.amount()), paid.amount(),
        Optional.of(order.amount().currency()), Optional.empty(), Optional.of(paid.state()), detail, paidAt(paid));
  }

  private void alertOnce(Discrepancy d, LocalDate date, Source source, Instant now) {
    Optional<LedgerEntry> owed = ledger.openLive(d, date, source.wireName(), now);
    if (owed.isPresent()) {
      alerts.publish(texts.discrepancy(owed.get()));
      ledger.alerted(List.of(owed.get()));
    }
  }

  private static Optional<Instant> paidAt(CipPayment p) {
    return p.paidAt().map(OffsetDateTime::toInstant);
  }

  /** The CIP as the daily run writes it (digits without leading zeros). */
  static String ledgerCip(String cip) {
    try {
      return Cips.format(Cips.parse(cip));
    } catch (IllegalArgumentException e) {
      return cip;
    }
  }

  private static long numeric(String cip) {
    try {
      return Cips.parse(cip);
    } catch (IllegalArgumentException e) {
      return Long.MAX_VALUE;
    }
  }
}
