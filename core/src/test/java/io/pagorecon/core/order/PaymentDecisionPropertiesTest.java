package io.pagorecon.core.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.LiveAlerts;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryLedger;
import io.pagorecon.fixtures.InMemoryOrderStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any sequence of notifications (stage- or sandbox-signed), sync results, refunds and cancels
 * of an order, shuffled and duplicated, delivered through the real webhook ingest, recorder, live
 * assurance and cancel: the order is shippable iff exactly one of its CIPs is PAID by a trusted
 * proof, for the order's amount and currency, nothing was refunded and it was not cancelled; and
 * every live alert goes out once.
 */
class PaymentDecisionPropertiesTest {

  private static final String STAGE_KEY = "stage-secret";
  private static final String SANDBOX_KEY = "sandbox-secret";
  private static final Money ORDER = Money.of("160.35", Currency.PEN);
  private static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  private static final OffsetDateTime PAID_AT = OffsetDateTime.parse("2024-01-15T10:35:12-05:00");

  /** What really happened to one CIP at PagoEfectivo. */
  record Truth(boolean paid, boolean refunded, String amount, Currency currency) {}

  enum Kind { WEBHOOK_PAID, SANDBOX_PAID, SYNC_PAID, WEBHOOK_REFUNDED, WEBHOOK_EXPIRED, CANCEL }

  /** One delivery; {@code cip} is 0 (ours), 1 or 2 (issued elsewhere, naming the order). */
  record Delivery(Kind kind, int cip) {}

  @Provide
  Arbitrary<Truth> truths() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
        Arbitraries.of("160.35", "150.00", "16035.00", "170"), Arbitraries.of(Currency.PEN, Currency.PEN, Currency.USD))
        .as((paid, refunded, amount, currency) -> new Truth(paid, paid && refunded, amount, currency));
  }

  @Provide
  Arbitrary<List<Delivery>> deliveries() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2)).as(Delivery::new)
        .list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 300)
  void shippableIffExactlyOneTrustedMatchingPaymentAndNothingRefunded(
      @ForAll("truths") Truth t0, @ForAll("truths") Truth t1, @ForAll("truths") Truth t2,
      @ForAll("deliveries") List<Delivery> planned, @ForAll long seed) {
    List<Truth> truth = List.of(t0, t1, t2);
    World w = new World();
    String ours = ((CreatePaymentResult.Created) w.api.create(
        new CreatePayment("ORD-1", ORDER, "shopper@example.com", Optional.empty(), Optional.empty()), T0)).cip();
    List<String> cips = List.of(ours, "90000001", "90000002");
    for (int i = 0; i < 3; i++) {
      Truth t = truth.get(i);
      PaymentState state = t.refunded() ? PaymentState.REFUNDED : t.paid() ? PaymentState.PAID : PaymentState.PENDING;
      w.gateway.put(new GatewayCip(cips.get(i), state, 0, state.name(), Optional.of(Money.of(t.amount(), t.currency())),
          Optional.of("ORD-1"), Optional.empty(), Optional.empty(), t.paid() ? Optional.of(PAID_AT) : Optional.empty(), Optional.empty()));
    }
    // only what can happen: payments of paid CIPs, refunds of refunded ones, expiries of unpaid ones
    List<Delivery> possible = planned.stream().filter(d -> switch (d.kind()) {
      case WEBHOOK_PAID, SANDBOX_PAID, SYNC_PAID -> truth.get(d.cip()).paid();
      case WEBHOOK_REFUNDED -> truth.get(d.cip()).refunded();
      case WEBHOOK_EXPIRED -> !truth.get(d.cip()).paid();
      case CANCEL -> true;
    }).toList();
    List<Delivery> sent = new ArrayList<>(possible);
    sent.addAll(possible.subList(0, possible.size() / 2)); // duplicates
    Collections.shuffle(sent, new Random(seed));

    Model model = new Model(truth);
    Set<String> sandboxCips = new HashSet<>();
    for (Delivery d : sent) {
      String cip = cips.get(d.cip());
      Truth t = truth.get(d.cip());
      switch (d.kind()) {
        case WEBHOOK_PAID -> w.ingest(paidBody(cip, t), STAGE_KEY);
        case SANDBOX_PAID -> {
          w.ingest(paidBody(cip, t), SANDBOX_KEY);
          sandboxCips.add(cip);
        }
        case SYNC_PAID -> w.recorder.record(new PaymentFact(cip, PaymentEvent.PAID, "sync:PAID", Source.SYNC, T0,
            BusinessCalendar.lima().businessDate(PAID_AT.toInstant()), Optional.of(Money.of(t.amount(), t.currency())), Optional.of("ORD-1"),
            Optional.of(PAID_AT), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        case WEBHOOK_REFUNDED -> w.ingest("{\"eventType\":\"cip.refunded\",\"data\":{\"cip\":\"" + cip + "\",\"transactionCode\":\"ORD-1\"}}", STAGE_KEY);
        case WEBHOOK_EXPIRED -> w.ingest("{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"" + cip + "\",\"transactionCode\":\"ORD-1\"}}", STAGE_KEY);
        case CANCEL -> w.api.cancel("ORD-1", T0.plusSeconds(60), false);
      }
      model.apply(d);
    }

    OrderPayment status = w.api.status("ORD-1").orElseThrow();
    assertEquals(model.shippable(), status.shippable(), () -> "deliveries " + sent + ", truth " + truth + ", status " + status);
    assertEquals(model.known(cips), Set.copyOf(status.cips().stream().map(OrderPayment.CipView::cip).toList()), "cips on the order");
    // once per discrepancy and CIP however often it was delivered; the sandbox alert once per CIP
    long sandboxAlerts = w.alerts.published().stream().filter(a -> a.subject().contains("SANDBOX_SIGNATURE")).count();
    assertEquals(sandboxCips.size(), sandboxAlerts, "sandbox alerts");
    assertEquals(w.ledger.all().size(), w.alerts.published().size() - sandboxAlerts, "one alert per ledger entry");
  }

  private static String paidBody(String cip, Truth t) {
    return "{\"eventType\":\"cip.paid\",\"operationNumber\":\"77\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"" + t.currency()
        + "\",\"amount\":" + t.amount() + ",\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1\"}}";
  }

  /** The real pieces on in-memory ports, as production wires them. */
  static final class World {
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryPaymentStore payments = new InMemoryPaymentStore();
    final InMemoryCipGateway gateway = new InMemoryCipGateway();
    final InMemoryLedger ledger = new InMemoryLedger();
    final InMemoryAlertPublisher alerts = new InMemoryAlertPublisher();
    final List<ShopEvent> events = new ArrayList<>();
    final PaymentAssurance assurance = new PaymentAssurance(orders, payments, ledger, alerts, new LiveAlerts(AlertLanguage.EN, "production"),
        events::add, BusinessCalendar.lima(), true);
    final PaymentRecorder recorder = new PaymentRecorder(payments, Duration.ofMinutes(10), assurance);
    final OrderPayments api = new OrderPayments(orders, payments, payments, recorder, gateway, gateway, events::add,
        BusinessCalendar.lima(), OrderPayments.Settings.standard());
    final WebhookIngest webhook = new WebhookIngest(Stage.PRODUCTION, () -> new SigningKeys(STAGE_KEY, Optional.of(SANDBOX_KEY)),
        new InMemoryEvidenceStore(), payments, recorder, BusinessCalendar.lima(), assurance::sandboxSigned);

    void ingest(String body, String key) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      webhook.ingest(new RawNotification(bytes, Map.of("PE-Signature", Signatures.hmacSha256Hex(key, bytes)), T0.plusSeconds(30), "req"));
    }
  }

  /**
   * What the system should know, by lattice (a CIP's state is the strongest fact recorded, so
   * delivery order does not matter), except the cancel, which only counts when no payment was known.
   */
  static final class Model {
    private final List<Truth> truth;
    private final List<Set<PaymentEvent>> recorded = List.of(EnumSet.noneOf(PaymentEvent.class), EnumSet.noneOf(PaymentEvent.class),
        EnumSet.noneOf(PaymentEvent.class));
    private final Set<Integer> known = new HashSet<>(Set.of(0));
    private boolean cancelled;

    Model(List<Truth> truth) {
      this.truth = truth;
    }

    void apply(Delivery d) {
      switch (d.kind()) {
        case WEBHOOK_PAID, SYNC_PAID -> record(d.cip(), PaymentEvent.PAID);
        case WEBHOOK_REFUNDED -> record(d.cip(), PaymentEvent.REFUNDED);
        case WEBHOOK_EXPIRED -> record(d.cip(), PaymentEvent.EXPIRED);
        case SANDBOX_PAID -> { }
        case CANCEL -> cancel();
      }
    }

    private void record(int cip, PaymentEvent e) {
      recorded.get(cip).add(e);
      known.add(cip);
    }

    private void cancel() {
      if (known.stream().anyMatch(this::settled)) {
        return;
      }
      cancelled = true;
      for (int c : known) {
        if (!truth.get(c).paid()) {
          recorded.get(c).add(PaymentEvent.DELETED);
        } else {
          // PagoEfectivo refuses to delete it; the look-up records what its API says
          recorded.get(c).add(truth.get(c).refunded() ? PaymentEvent.REFUNDED : PaymentEvent.PAID);
        }
      }
    }

    private boolean settled(int cip) {
      return recorded.get(cip).contains(PaymentEvent.PAID) || recorded.get(cip).contains(PaymentEvent.REFUNDED);
    }

    boolean shippable() {
      boolean refunded = recorded.stream().anyMatch(s -> s.contains(PaymentEvent.REFUNDED));
      List<Integer> paid = known.stream().filter(c -> recorded.get(c).contains(PaymentEvent.PAID)
          && !recorded.get(c).contains(PaymentEvent.REFUNDED)).toList();
      if (cancelled || refunded || paid.size() != 1) {
        return false;
      }
      Truth t = truth.get(paid.get(0));
      return t.currency() == ORDER.currency() && Money.of(t.amount(), t.currency()).amount().compareTo(ORDER.amount()) == 0;
    }

    Set<String> known(List<String> cips) {
      Set<String> out = new HashSet<>();
      known.forEach(i -> out.add(cips.get(i)));
      return out;
    }
  }
}
