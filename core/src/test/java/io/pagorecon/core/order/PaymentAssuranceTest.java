package io.pagorecon.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.LiveAlerts;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerUpdate;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.RecordOutcome;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.ReconcileInput;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.time.BusinessCalendar;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The live assurance and the daily run agree: what is alerted live is opened in the ledger under
 * the id the run gives the same finding, so the run of that date neither opens nor alerts it again.
 */
class PaymentAssuranceTest {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final OffsetDateTime PAID_AT = OffsetDateTime.parse("2024-01-15T10:35:12-05:00");
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Money ORDER = Money.of("160.35", Currency.PEN);

  private final PaymentDecisionPropertiesTest.World w = new PaymentDecisionPropertiesTest.World();

  private String create(String orderId) {
    return ((CreatePaymentResult.Created) w.api.create(new CreatePayment(orderId, ORDER, "shopper@example.com", Optional.empty(),
        Optional.empty()), T0)).cip();
  }

  /** A CIP issued elsewhere, naming {@code code}, paid at the gateway and notified by a signed webhook. */
  private void paidElsewhere(String cip, String code, String amount, Currency currency) {
    w.gateway.put(new GatewayCip(cip, PaymentState.PAID, 23, "Cancelado", Optional.of(Money.of(amount, currency)), Optional.of(code),
        Optional.of(PAID_AT.minusMinutes(5)), Optional.of(PAID_AT.plusDays(2)), Optional.of(PAID_AT), Optional.empty()));
    notifyPaid(cip, code, amount, currency);
  }

  private void notifyPaid(String cip, String code, String amount, Currency currency) {
    w.ingest("{\"eventType\":\"cip.paid\",\"operationNumber\":\"77\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"" + currency
        + "\",\"amount\":" + amount + ",\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"" + code + "\"}}", "stage-secret");
  }

  private void payAtGateway(String cip, String code) {
    w.gateway.put(new GatewayCip(cip, PaymentState.PAID, 23, "Cancelado", Optional.of(ORDER), Optional.of(code),
        Optional.of(PAID_AT.minusMinutes(5)), Optional.of(PAID_AT.plusDays(2)), Optional.of(PAID_AT), Optional.empty()));
  }

  @Test
  void liveFindings_carryTheIdsOfTheDailyRun_whichNeitherOpensNorAlertsThemAgain() throws Exception {
    create("ORD-UNDER");
    paidElsewhere("90000001", "ORD-UNDER", "150.00", Currency.PEN);
    create("ORD-USD");
    paidElsewhere("90000002", "ORD-USD", "160.35", Currency.USD);
    String twice = create("ORD-TWICE");
    payAtGateway(twice, "ORD-TWICE");
    notifyPaid(twice, "ORD-TWICE", "160.35", Currency.PEN);
    paidElsewhere("90000003", "ORD-TWICE", "160.35", Currency.PEN);
    paidElsewhere("90000004", "ORD-NOBODY", "99.90", Currency.PEN);
    String race = create("ORD-RACE");
    payAtGateway(race, "ORD-RACE");
    assertThat(w.api.cancel("ORD-RACE", T0.plusSeconds(3600), false)).isInstanceOf(CancelResult.Paid.class);
    // redeliveries change nothing
    notifyPaid("90000001", "ORD-UNDER", "150.00", Currency.PEN);
    notifyPaid(race, "ORD-RACE", "160.35", Currency.PEN);

    Set<String> live = w.ledger.all().stream().map(LedgerEntry::id).collect(Collectors.toSet());
    assertThat(live).containsExactlyInAnyOrder(
        "AMOUNT_MISMATCH|ORD-UNDER|90000001",
        "CURRENCY_MISMATCH|ORD-USD|90000002",
        "DUPLICATE_PAYMENT|ORD-TWICE|90000003",
        "UNKNOWN_ORDER|ORD-NOBODY|90000004",
        "PAID_NOT_RECORDED|ORD-RACE|" + race);
    assertThat(w.alerts.published()).hasSize(5);
    assertThat(w.ledger.all()).noneMatch(LedgerEntry::alertPending);
    assertThat(w.events.stream().map(e -> e.orderId() + " " + e.type().wireName() + " " + e.reasons()).toList())
        .contains("ORD-UNDER payment.held [AMOUNT_MISMATCH]", "ORD-USD payment.held [CURRENCY_MISMATCH]",
            "ORD-TWICE payment.confirmed []", "ORD-TWICE payment.held [DUPLICATE_PAYMENT]", "ORD-RACE payment.held [PAID_NOT_RECORDED]")
        .noneMatch(e -> e.startsWith("ORD-RACE order.cancelled"));

    // the next morning: the shop's export and the statement of the day, through the daily engine
    List<Order> orders = new ArrayList<>();
    orders.add(Order.of("ORD-UNDER", null, ORDER, OrderStatus.PAID, T0, T0));
    orders.add(Order.of("ORD-USD", null, ORDER, OrderStatus.PAID, T0, T0));
    orders.add(Order.of("ORD-TWICE", twice, ORDER, OrderStatus.PAID, T0, T0));
    orders.add(Order.of("ORD-RACE", race, ORDER, OrderStatus.CANCELLED, T0, null));
    List<StatementRow> rows = new ArrayList<>();
    Map<String, CipLookup> gateway = w.gateway.search(List.of("90000001", "90000002", "90000003", "90000004", twice, race));
    for (CipLookup l : gateway.values()) {
      GatewayCip g = ((CipLookup.Found) l).gatewayCip();
      rows.add(StatementRow.of(g.cip(), g.transactionCode().orElseThrow(), g.amount().orElseThrow(), g.state(), T0.minusSeconds(600),
          T0.plus(Duration.ofDays(2)), g.paidAt().map(OffsetDateTime::toInstant).orElse(null), null));
    }
    Reconciler reconciler = new Reconciler(ReconcileConfig.defaults());
    List<Discrepancy> found = reconciler.reconcile(new ReconcileInput(orders, rows, List.of()),
        Scope.businessDate(DAY, BusinessCalendar.lima())).discrepancies();
    assertThat(found.stream().map(Discrepancy::id).toList()).containsAll(live);

    LedgerUpdate update = new DiscrepancyLedger(w.ledger).apply(DAY, found, T0.plus(Duration.ofDays(1)));
    assertThat(update.opened()).extracting(LedgerEntry::id).doesNotContainAnyElementsOf(live);
    assertThat(update.alertPending()).extracting(LedgerEntry::id).doesNotContainAnyElementsOf(live);
    assertThat(update.autoResolved()).isEmpty();
  }

  @Test
  void aPaymentNamingNoOrder_isNotAlertedLive_whenTheShopIssuesItsOwnCips() {
    PaymentAssurance quiet = new PaymentAssurance(w.orders, w.payments, w.ledger, w.alerts,
        new LiveAlerts(AlertLanguage.EN, "production"), w.events::add,
        BusinessCalendar.lima(), false);
    PaymentRecorder recorder = new PaymentRecorder(w.payments, Duration.ofMinutes(10), quiet);
    recorder.record(new PaymentFact("90000009", PaymentEvent.PAID, "cip.paid",
        Source.WEBHOOK, T0, DAY, Optional.of(ORDER), Optional.of("ORD-ELSEWHERE"), Optional.of(PAID_AT),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(w.payments.find("90000009")).map(p -> p.state()).contains(PaymentState.PAID);
    assertThat(w.alerts.published()).isEmpty();
    assertThat(w.ledger.all()).isEmpty();
  }

  @Test
  void aPaidCipOfAnOrder_isReadOnceByTheAssurance_notOncePerQuestion() {
    String cip = create("ORD-READS");
    AtomicInteger reads = new AtomicInteger();
    PaymentStore counted = (PaymentStore) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {PaymentStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("find")) {
            reads.incrementAndGet();
          }
          try {
            return method.invoke(w.payments, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    PaymentAssurance assurance = new PaymentAssurance(w.orders, counted, w.ledger, w.alerts,
        new LiveAlerts(AlertLanguage.EN, "production"), w.events::add,
        BusinessCalendar.lima(), true);
    PaymentFact paid = new PaymentFact(cip, PaymentEvent.PAID,
        "cip.paid", Source.WEBHOOK, T0, DAY, Optional.of(Money.of("1.00", Currency.PEN)), Optional.of("ORD-READS"),
        Optional.of(PAID_AT), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    RecordOutcome outcome = new PaymentRecorder(w.payments, Duration.ofMinutes(10))
        .record(paid);

    int events = w.events.size();
    int alerts = w.alerts.published().size();
    assurance.recorded(paid, outcome);

    // the decision, the amount finding and the held event all judged one read of the CIP
    assertThat(reads).hasValue(1);
    assertThat(w.alerts.published()).as("AMOUNT_MISMATCH alerted").hasSize(alerts + 1);
    assertThat(w.events).as("payment.held").hasSize(events + 1);
    assertThat(w.events.get(events).type()).isEqualTo(ShopEvent.Type.PAYMENT_HELD);
  }
}
