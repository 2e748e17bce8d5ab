package io.pagorecon.core.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.Stage;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookIngestTest {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final String SANDBOX_SECRET = "SANDBOXKEYEXAMPLE";
  static final String VECTOR_BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\","
      + "\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}";
  static final String VECTOR_SIGNATURE = "07eeb290af1ab6d80c17ed95c6eb7e4991e16428b5eef95faf2950551c042ffb";
  static final Instant RECEIVED = Instant.parse("2024-01-15T15:36:00Z");

  final InMemoryPaymentStore store = new InMemoryPaymentStore();
  final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();

  WebhookIngest ingest(Stage stage, Optional<String> sandboxKey) {
    return new WebhookIngest(stage, () -> new SigningKeys(SECRET, sandboxKey), evidence, store,
        new PaymentRecorder(store, Duration.ofMinutes(10)), BusinessCalendar.lima());
  }

  WebhookIngest ingest() {
    return ingest(Stage.SANDBOX, Optional.empty());
  }

  static RawNotification signed(String body, String secret) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return raw(bytes, Map.of("PE-Signature", Signatures.hmacSha256Hex(secret, bytes), "Content-Type", "application/json"));
  }

  static RawNotification raw(byte[] body, Map<String, String> headers) {
    return new RawNotification(body, headers, RECEIVED, "req-1");
  }

  static String paid(String cip) {
    return "{\"eventType\":\"cip.paid\",\"operationNumber\":\"77\",\"data\":{\"cip\":\"" + cip
        + "\",\"currency\":\"PEN\",\"amount\":10.5,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-9\"}}";
  }

  static String expired(String cip) {
    return "{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"" + cip + "\"}}";
  }

  @Test
  void ingest_shouldArchiveTheDoctorsProbe_andRecordNoPayment() {
    // The body `pagorecon doctor` sends (docs/doctor.md): no CIP, so it can never become a payment.
    byte[] probe = "{\"eventType\":\"pagorecon.probe\",\"operationNumber\":\"\",\"data\":{\"probe\":\"doctor-1\"}}"
        .getBytes(StandardCharsets.UTF_8);

    IngestResult r = ingest().ingest(raw(probe, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, probe))));

    IngestResult.Archived a = assertInstanceOf(IngestResult.Archived.class, r);
    assertEquals(200, r.httpStatus());
    assertTrue(a.evidenceKey().contains(".jsonl.gz#no-cip/pagorecon.probe-"), a.evidenceKey());
    assertTrue(store.facts().isEmpty(), "nothing recorded: no report, alert or shop event can count it");
  }

  @Test
  void ingest_shouldKeepTheOtherRequestHeaders_withTheEvidence_butNoCredentials() {
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("PE-Signature", VECTOR_SIGNATURE);
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "PagoEfectivo-Notifier/1.0 \"x\"");
    headers.put("X-Forwarded-For", "200.48.1.7");
    headers.put("Authorization", "Basic c2VjcmV0");
    headers.put("X-Amzn-Trace-Id", "Root=1-65a5" + "0".repeat(2000));

    IngestResult.Accepted a = assertInstanceOf(IngestResult.Accepted.class, ingest().ingest(raw(body, headers)));

    String kept = evidence.get(a.evidenceKey()).orElseThrow().metadata().get("request-headers");
    assertEquals("{\"user-agent\":\"PagoEfectivo-Notifier/1.0 \\\"x\\\"\",\"x-amzn-trace-id\":\"Root=1-65a5" + "0".repeat(245)
        + "\",\"x-forwarded-for\":\"200.48.1.7\"}", kept);
    assertTrue(kept.length() <= 1024);
  }

  @Test
  void ingest_shouldPayAndArchive_whenVectorSignatureMatches() {
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
    IngestResult r = ingest().ingest(raw(body, Map.of("pe-signature", VECTOR_SIGNATURE)));

    IngestResult.Accepted a = assertInstanceOf(IngestResult.Accepted.class, r);
    assertEquals(200, r.httpStatus());
    assertEquals(PaymentState.UNKNOWN, a.from());
    assertEquals(PaymentState.PAID, a.to());
    // the batch of the receipt hour (15:xx UTC), then the record
    String expectedKey = "evidence/sandbox/batches/2024/01/15/15.jsonl.gz#11546901/cip.paid-" + Signatures.sha256Hex(body).substring(0, 16);
    assertEquals(expectedKey, a.evidenceKey());
    assertArrayEquals(body, evidence.get(expectedKey).orElseThrow().body());
    assertEquals(VECTOR_SIGNATURE, evidence.get(expectedKey).orElseThrow().metadata().get("pe-signature"));
    assertEquals("req-1", evidence.get(expectedKey).orElseThrow().metadata().get("request-id"));
    assertEquals("2024-01-15", evidence.get(expectedKey).orElseThrow().metadata().get(WebhookIngest.BUSINESS_DATE));

    CipPayment state = store.find("11546901").orElseThrow();
    assertEquals(PaymentState.PAID, state.state());
    assertEquals(Optional.of(Money.of("22.05", io.pagorecon.core.money.Currency.PEN)), state.amount());
    assertEquals(Optional.of("ORD-1001"), state.orderId());
    assertEquals(Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), state.paidAt());
    PaymentFact fact = store.facts().get(0);
    assertEquals("cip.paid", fact.factKey());
    assertEquals(Source.WEBHOOK, fact.source());
    assertEquals(LocalDate.of(2024, 1, 15), fact.businessDate());
    assertEquals(Optional.of(VECTOR_BODY), fact.rawBody());
    assertEquals(Optional.of(expectedKey), fact.evidenceKey());
  }

  @Test
  void ingest_shouldAccept_whenSignatureIsUppercase() {
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
    IngestResult r = ingest().ingest(raw(body, Map.of("pe-signature", VECTOR_SIGNATURE.toUpperCase(Locale.ROOT))));
    assertInstanceOf(IngestResult.Accepted.class, r);
  }

  @Test
  void ingest_shouldChangeStateOnce_whenDeliveredFiveTimes() {
    WebhookIngest ingest = ingest();
    RawNotification n = signed(paid("123"), SECRET);
    assertInstanceOf(IngestResult.Accepted.class, ingest.ingest(n));
    for (int i = 0; i < 4; i++) {
      IngestResult r = ingest.ingest(n);
      assertEquals(200, r.httpStatus());
      assertEquals(PaymentState.PAID, assertInstanceOf(IngestResult.Duplicate.class, r).state());
    }
    assertEquals(1, store.stateWrites().size());
    assertEquals(1, store.facts().size());
    assertEquals(1, evidence.objects().size(), "a redelivery overwrites the same evidence object");
  }

  @Test
  void ingest_shouldStayPaid_whenExpiredArrivesAfterPaid() {
    WebhookIngest ingest = ingest();
    ingest.ingest(signed(paid("123"), SECRET));
    IngestResult r = ingest.ingest(signed(expired("123"), SECRET));

    assertEquals(200, r.httpStatus());
    assertEquals(PaymentState.PAID, assertInstanceOf(IngestResult.Stale.class, r).state());
    assertEquals(PaymentState.PAID, store.find("123").orElseThrow().state());
    assertEquals(2, store.facts().size(), "the late expiry is kept as evidence");
  }

  @Test
  void ingest_shouldRecordRefund_whenRefundedAfterPaid() {
    WebhookIngest ingest = ingest();
    ingest.ingest(signed(paid("123"), SECRET));
    IngestResult r = ingest.ingest(signed("{\"eventType\":\"cip.refunded\",\"data\":{\"cip\":123}}", SECRET));
    assertEquals(PaymentState.REFUNDED, assertInstanceOf(IngestResult.Accepted.class, r).to());
  }

  @Test
  void ingest_shouldKeepButNeverApply_whenEventTypeIsUnknown() {
    IngestResult r = ingest().ingest(signed("{\"eventType\":\"cip.mystery\",\"data\":{\"cip\":\"555\",\"currency\":\"PEN\",\"amount\":5}}", SECRET));

    IngestResult.Stale s = assertInstanceOf(IngestResult.Stale.class, r);
    assertEquals(200, r.httpStatus());
    assertEquals("cip.mystery", s.eventType());
    assertFalse(store.find("555").orElseThrow().state().isSettled(), "an unknown event is never a payment");
    assertEquals(PaymentEvent.UNRECOGNISED, store.facts().get(0).event());
    assertTrue(evidence.objects().keySet().stream().anyMatch(k -> k.startsWith("evidence/sandbox/batches/") && k.contains("#555/cip.mystery-")));
  }

  @Test
  void ingest_shouldArchiveOnly_whenUnknownEventHasNoCip() {
    IngestResult r = ingest().ingest(signed("{\"eventType\":\"ping\"}", SECRET));
    assertInstanceOf(IngestResult.Archived.class, r);
    assertEquals(200, r.httpStatus());
    assertTrue(store.facts().isEmpty());
    assertEquals(1, evidence.objects().size());
  }

  @Test
  void ingest_shouldUseLimaDate_whenPaymentIsLateInTheLimaDay() {
    String body = "{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"9\",\"currency\":\"USD\",\"amount\":\"1\","
        + "\"paymentDate\":\"2024-01-15T23:59:59-05:00\"}}";
    IngestResult.Accepted a = assertInstanceOf(IngestResult.Accepted.class, ingest().ingest(signed(body, SECRET)));
    assertTrue(a.evidenceKey().contains("#9/cip.paid-"), a.evidenceKey());
    assertEquals(LocalDate.of(2024, 1, 15), store.facts().get(0).businessDate());
    assertEquals("2024-01-15", evidence.get(a.evidenceKey()).orElseThrow().metadata().get(WebhookIngest.BUSINESS_DATE));
  }

  @Test
  void ingest_shouldUseReceiptDate_whenPaymentDateIsAbsent() {
    String body = "{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"9\",\"currency\":\"PEN\",\"amount\":22}}";
    RawNotification late = new RawNotification(body.getBytes(StandardCharsets.UTF_8),
        Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, body.getBytes(StandardCharsets.UTF_8))),
        Instant.parse("2024-01-16T04:59:59Z"), "req-2");
    ingest().ingest(late);
    assertEquals(LocalDate.of(2024, 1, 15), store.facts().get(0).businessDate());
    assertEquals(Optional.empty(), store.find("9").orElseThrow().paidAt());
  }

  @Test
  void ingest_shouldReject413_whenBodyExceeds64KiB() {
    byte[] big = new byte[WebhookIngest.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    IngestResult r = ingest().ingest(raw(big, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, big))));
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, assertInstanceOf(IngestResult.Rejected.class, r).error());
    assertEquals(413, r.httpStatus());
    assertTrue(evidence.objects().isEmpty());
    assertTrue(store.facts().isEmpty());
  }

  @Test
  void ingest_shouldReject401_whenSignatureIsMissing() {
    IngestResult r = ingest().ingest(raw(paid("123").getBytes(StandardCharsets.UTF_8), Map.of("pe-signature", " ")));
    assertEquals(ErrorCode.MISSING_SIGNATURE, assertInstanceOf(IngestResult.Rejected.class, r).error());
    assertEquals(401, r.httpStatus());
    assertTrue(store.facts().isEmpty());
    assertTrue(evidence.objects().keySet().stream().allMatch(k -> k.startsWith("rejected/sandbox/2024/01/15/")));
  }

  @Test
  void ingest_shouldReject401AndStoreNothing_whenBodyWasTampered() {
    String body = paid("123");
    String signature = Signatures.hmacSha256Hex(SECRET, body.getBytes(StandardCharsets.UTF_8));
    byte[] tampered = body.replace("10.5", "1050").getBytes(StandardCharsets.UTF_8);
    IngestResult r = ingest().ingest(raw(tampered, Map.of("pe-signature", signature)));
    IngestResult.Rejected rej = assertInstanceOf(IngestResult.Rejected.class, r);
    assertEquals(ErrorCode.INVALID_SIGNATURE, rej.error());
    assertFalse(rej.checkRequested(), "an unknown CIP has nothing to check");
    assertTrue(store.facts().isEmpty());
    assertTrue(store.find("123").isEmpty());
  }

  @Test
  void ingest_shouldAskForACheck_whenSignatureFailsForAKnownCip() {
    WebhookIngest ingest = ingest();
    ingest.ingest(signed(expired("123"), SECRET));
    IngestResult r = ingest.ingest(signed(paid("123"), "WRONGSECRET"));

    IngestResult.Rejected rej = assertInstanceOf(IngestResult.Rejected.class, r);
    assertEquals(ErrorCode.INVALID_SIGNATURE, rej.error());
    assertTrue(rej.checkRequested());
    assertEquals(Optional.of("123"), rej.cip());
    assertEquals(Optional.of(RECEIVED), store.find("123").orElseThrow().nextCheckAt());
    assertEquals(PaymentState.EXPIRED, store.find("123").orElseThrow().state(), "an unverified body never pays");
  }

  @Test
  void ingest_shouldRejectAndFlag_whenSandboxSignedOnProduction() {
    IngestResult r = ingest(Stage.PRODUCTION, Optional.of(SANDBOX_SECRET)).ingest(signed(paid("123"), SANDBOX_SECRET));

    IngestResult.Rejected rej = assertInstanceOf(IngestResult.Rejected.class, r);
    assertEquals(ErrorCode.SANDBOX_SIGNATURE, rej.error());
    assertTrue(rej.sandboxData());
    assertEquals(401, r.httpStatus());
    assertTrue(store.facts().isEmpty());
    String key = evidence.objects().keySet().iterator().next();
    assertTrue(key.startsWith("rejected/production/"), key);
    assertEquals("SANDBOX_SIGNATURE", evidence.get(key).orElseThrow().metadata().get("rejected-for"));
  }

  @Test
  void ingest_shouldAccept_whenProductionSignedOnProductionWithSandboxKeyConfigured() {
    IngestResult r = ingest(Stage.PRODUCTION, Optional.of(SANDBOX_SECRET)).ingest(signed(paid("123"), SECRET));
    assertInstanceOf(IngestResult.Accepted.class, r);
  }

  @Test
  void ingest_shouldReject400_whenJsonIsMalformed() {
    IngestResult r = ingest().ingest(signed("{\"eventType\":\"cip.paid\",", SECRET));
    assertEquals(ErrorCode.MALFORMED_JSON, assertInstanceOf(IngestResult.Rejected.class, r).error());
    assertEquals(400, r.httpStatus());
    assertTrue(store.facts().isEmpty());
    assertTrue(evidence.objects().isEmpty());
  }

  @Test
  void ingest_shouldReject400_whenAmountIsInvalid() {
    IngestResult r = ingest().ingest(signed(paid("123").replace("10.5", "10.555"), SECRET));
    IngestResult.Rejected rej = assertInstanceOf(IngestResult.Rejected.class, r);
    assertEquals(ErrorCode.INVALID_AMOUNT, rej.error());
    assertEquals(Optional.of("data.amount"), rej.field());
    assertTrue(store.facts().isEmpty());
  }

  @Test
  void ingest_shouldThrowThenComplete_whenEvidenceWriteFailsOnce() {
    WebhookIngest ingest = ingest();
    RawNotification n = signed(paid("123"), SECRET);
    evidence.failNextPuts(1);
    assertThrows(StorageException.class, () -> ingest.ingest(n));
    assertTrue(store.facts().isEmpty(), "no fact without its evidence");

    assertInstanceOf(IngestResult.Accepted.class, ingest.ingest(n));
    assertEquals(1, evidence.objects().size());
  }

  @Test
  void ingest_shouldThrowThenComplete_whenStateWriteFailsOnce() {
    WebhookIngest ingest = ingest();
    RawNotification n = signed(paid("123"), SECRET);
    store.failNextWrites(1);
    assertThrows(StorageException.class, () -> ingest.ingest(n));

    assertInstanceOf(IngestResult.Accepted.class, ingest.ingest(n));
    assertEquals(1, evidence.objects().size(), "the retry overwrote the same object: no orphan, no second copy");
    assertEquals(2, evidence.puts());
    assertEquals(PaymentState.PAID, store.find("123").orElseThrow().state());
  }

  @Test
  void ingest_shouldThrow_whenSecretsAreUnavailable() {
    WebhookIngest ingest = new WebhookIngest(Stage.SANDBOX, () -> {
      throw new StorageException("secrets down", null);
    }, evidence, store, new PaymentRecorder(store, Duration.ofMinutes(10)), BusinessCalendar.lima());
    assertThrows(StorageException.class, () -> ingest.ingest(signed(paid("1"), SECRET)));
    assertTrue(store.facts().isEmpty());
  }

  @Test
  void signingKeys_shouldNeverPrintSecrets() {
    assertFalse(new SigningKeys(SECRET, Optional.of(SANDBOX_SECRET)).toString().contains("KEY"));
  }

  @Test
  void ingest_shouldKeepEvidenceKeysInsideTheirPrefix_whenEventTypeHasPathCharacters() {
    IngestResult r = ingest().ingest(signed("{\"eventType\":\"../../statements/x\",\"data\":{\"cip\":\"7\"}}", SECRET));

    String key = assertInstanceOf(IngestResult.Stale.class, r).evidenceKey();
    String record = "evidence/sandbox/batches/2024/01/15/15.jsonl.gz#7/";
    assertTrue(key.startsWith(record), key);
    assertFalse(key.substring(record.length()).contains("/"), key);
  }
}
