package io.pagorecon.bench.webhook;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentTransitions;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.EvidenceKeys;
import io.pagorecon.core.webhook.IngestResult;
import io.pagorecon.core.webhook.InvalidNotificationException;
import io.pagorecon.core.webhook.Notification;
import io.pagorecon.core.webhook.NotificationParser;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm per-notification cost of WebhookFunction's own work, no I/O: {@code verifyParseDecide} is
 * the figure (PE-Signature HMAC over the raw bytes, strict parse, the transition-table
 * decision and the evidence key); the others split it up, and {@code ingestInMemory} is the whole
 * core use case over in-memory stores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebhookBenchmark {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final BusinessCalendar LIMA = BusinessCalendar.lima();

  byte[] body;
  String signature;
  NotificationParser parser;
  WebhookIngest ingest;
  RawNotification raw;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    body = body("1000123");
    signature = Signatures.hmacSha256Hex(SECRET, body);
    parser = new NotificationParser();
    raw = new RawNotification(body, Map.of("pe-signature", signature, "content-type", "application/json"),
        Instant.parse("2024-01-15T15:40:00Z"), "bench");
  }

  /** Fresh stores per iteration, so every notification of an iteration is a first delivery of a new CIP. */
  @Setup(Level.Iteration)
  public void freshStores() {
    InMemoryPaymentStore store = new InMemoryPaymentStore();
    ingest = new WebhookIngest(Stage.SANDBOX, () -> new SigningKeys(SECRET, Optional.empty()), new InMemoryEvidenceStore(), store,
        new PaymentRecorder(store, Duration.ofMinutes(15)), LIMA);
    next = 2_000_000;
  }

  static byte[] body(String cip) {
    return ("{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"" + cip
        + "\",\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-" + cip + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public boolean verify() {
    return Signatures.verify(SECRET, body, signature);
  }

  @Benchmark
  public Notification parse() throws InvalidNotificationException {
    return parser.parse(body);
  }

  @Benchmark
  public String verifyParseDecide() throws InvalidNotificationException {
    if (!Signatures.verify(SECRET, body, signature)) {
      throw new IllegalStateException("signature");
    }
    Notification n = parser.parse(body);
    PaymentEvent event = n.type().paymentEvent().orElse(PaymentEvent.UNRECOGNISED);
    Optional<PaymentState> to = PaymentTransitions.next(PaymentState.PENDING, event);
    LocalDate date = LIMA.businessDate(n.paymentDate().map(d -> d.toInstant()).orElse(raw.receivedAt()));
    return EvidenceKeys.raw(Stage.SANDBOX, date, n.cip().orElse("no-cip"), n.rawEventType(), body) + to.orElseThrow();
  }

  @Benchmark
  public IngestResult ingestInMemory() {
    byte[] b = body(Integer.toString(next++));
    RawNotification r = new RawNotification(b, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, b)), raw.receivedAt(), "bench");
    IngestResult result = ingest.ingest(r);
    if (!(result instanceof IngestResult.Accepted)) {
      throw new IllegalStateException("not accepted: " + result);
    }
    return result;
  }
}
