package io.pagorecon.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentTransitions;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any set of notifications for a CIP, delivered in any order with any duplicates, sequentially or
 * concurrently, through {@link WebhookIngest} and {@link PaymentRecorder}: the final state equals
 * the one from the canonical order (each distinct notification once, in lifecycle order), each
 * notification is recorded once, each state change is written once (versions 1..n, one write per
 * ACCEPTED answer), and every recorded notification has its evidence object.
 */
class WebhookIngestPropertiesTest {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final String CIP = "11546901";
  static final Instant RECEIVED = Instant.parse("2024-01-15T15:36:00Z");

  /** The notification kinds PagoEfectivo may send, in lifecycle order (the canonical order). */
  enum Kind {
    PAID("cip.paid", PaymentEvent.PAID),
    EXPIRED("cip.expired", PaymentEvent.EXPIRED),
    REFUNDED("cip.refunded", PaymentEvent.REFUNDED),
    UNKNOWN_TYPE("cip.surprise", PaymentEvent.UNRECOGNISED);

    final String eventType;
    final PaymentEvent event;

    Kind(String eventType, PaymentEvent event) {
      this.eventType = eventType;
      this.event = event;
    }

    /** A real delivery order: expired before paid happens (cash paid late), paid before refunded. */
    static final Comparator<Kind> CANONICAL = Comparator.comparingInt(k -> switch (k) {
      case EXPIRED -> 0;
      case PAID -> 1;
      case REFUNDED -> 2;
      case UNKNOWN_TYPE -> 3;
    });

    byte[] body() {
      String data = "{\"cip\":\"" + CIP + "\",\"currency\":\"PEN\",\"amount\":22.05,\"transactionCode\":\"ORD-1001\""
          + (this == PAID ? ",\"paymentDate\":\"2024-01-15T10:35:12-05:00\"" : "") + "}";
      return ("{\"eventType\":\"" + eventType + "\",\"operationNumber\":\"1253\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }
  }

  record World(InMemoryPaymentStore store, InMemoryEvidenceStore evidence, WebhookIngest ingest) {
    static World fresh() {
      InMemoryPaymentStore store = new InMemoryPaymentStore();
      InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
      WebhookIngest ingest = new WebhookIngest(Stage.SANDBOX, () -> new io.pagorecon.core.webhook.SigningKeys(SECRET, Optional.empty()),
          evidence, store, new PaymentRecorder(store, Duration.ofMinutes(15)), BusinessCalendar.lima());
      return new World(store, evidence, ingest);
    }

    IngestResult deliver(Kind kind, int n) {
      byte[] body = kind.body();
      return ingest.ingest(new RawNotification(body, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, body)), RECEIVED.plusSeconds(n),
          "req-" + n));
    }
  }

  private static ExecutorService pool;

  @BeforeContainer
  static void startPool() {
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterContainer
  static void stopPool() {
    pool.shutdownNow();
  }

  @Provide
  Arbitrary<List<Kind>> deliveries() {
    return Arbitraries.of(Kind.class).list().ofMinSize(1).ofMaxSize(16);
  }

  @Property(tries = 500)
  void anyOrderAnyDuplicates_shouldEndAsTheCanonicalOrder_sequentially(@ForAll("deliveries") List<Kind> deliveries) {
    World world = World.fresh();
    List<IngestResult> results = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      results.add(world.deliver(deliveries.get(i), i));
    }
    assertInvariants(deliveries, world, results);
  }

  @Property(tries = 300)
  void anyOrderAnyDuplicates_shouldEndAsTheCanonicalOrder_concurrently(@ForAll("deliveries") List<Kind> deliveries,
      @ForAll @IntRange(min = 2, max = 8) int threads) throws Exception {
    World world = World.fresh();
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<IngestResult>> futures = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Kind kind = deliveries.get(i);
      int n = i;
      futures.add(pool.submit(() -> {
        gate.await();
        return world.deliver(kind, n);
      }));
    }
    gate.countDown();
    List<IngestResult> results = new ArrayList<>();
    for (Future<IngestResult> f : futures) {
      results.add(f.get());
    }
    assertInvariants(deliveries, world, results);
  }

  private static void assertInvariants(List<Kind> deliveries, World world, List<IngestResult> results) {
    List<Kind> distinct = deliveries.stream().distinct().sorted(Kind.CANONICAL).toList();
    World canonical = World.fresh();
    for (int i = 0; i < distinct.size(); i++) {
      canonical.deliver(distinct.get(i), i);
    }
    CipPayment expected = canonical.store().find(CIP).orElseThrow();
    CipPayment actual = world.store().find(CIP).orElseThrow();

    // The same final state as the canonical order; paid money is never lost to a late expiry.
    assertThat(actual.state()).isEqualTo(expected.state());
    assertThat(actual.state()).isEqualTo(replay(distinct));
    if (distinct.contains(Kind.PAID) && !distinct.contains(Kind.REFUNDED)) {
      assertThat(actual.state()).isEqualTo(PaymentState.PAID);
      assertThat(actual.paidAt()).isPresent();
    }
    // Each notification recorded once; every further copy answered DUPLICATE.
    assertThat(world.store().facts()).hasSize(distinct.size());
    assertThat(results.stream().filter(r -> r instanceof IngestResult.Duplicate).count()).isEqualTo(deliveries.size() - distinct.size());
    assertThat(results).allSatisfy(r -> assertThat(r.httpStatus()).isEqualTo(200));
    // Each state change written once: versions 1..n in order, one per change.
    List<CipPayment> writes = world.store().stateWrites();
    for (int i = 0; i < writes.size(); i++) {
      assertThat(writes.get(i).version()).isEqualTo(i + 1);
    }
    long accepted = results.stream().filter(r -> r instanceof IngestResult.Accepted).count();
    long changes = 0;
    PaymentState previous = PaymentState.UNKNOWN;
    for (CipPayment w : writes) {
      if (w.state() != previous) {
        changes++;
      }
      previous = w.state();
    }
    assertThat(changes).isEqualTo(accepted);
    assertThat(actual.version()).isEqualTo(writes.size());
    // Evidence: one object per distinct notification, byte for byte.
    assertThat(world.evidence().objects()).hasSize(distinct.size());
    for (Kind k : distinct) {
      assertThat(world.evidence().objects().values()).anySatisfy(o -> assertThat(o.body()).isEqualTo(k.body()));
    }
  }

  private static PaymentState replay(List<Kind> canonical) {
    PaymentState state = PaymentState.UNKNOWN;
    for (Kind k : canonical) {
      state = PaymentTransitions.next(state, k.event).orElse(state);
    }
    return state;
  }
}
