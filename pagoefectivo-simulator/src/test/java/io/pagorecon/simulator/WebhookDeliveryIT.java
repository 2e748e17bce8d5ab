package io.pagorecon.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.simulator.internal.WebhookSender;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryIT {

  private static final String VECTOR_BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\","
      + "\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}";
  private static final String VECTOR_SIGNATURE = "07eeb290af1ab6d80c17ed95c6eb7e4991e16428b5eef95faf2950551c042ffb";

  private Receiver receiver;
  private PagoEfectivoSimulator sim;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
        .clock(SimClock.frozenAt(Instant.parse("2024-01-15T15:30:00Z")))
        .firstCip(11546901L)
        .webhookUrl(receiver.url())
        .webhookRetryDelay(Duration.ofSeconds(30))
        .sleeper(sleeps::add)
        .build());
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.close();
  }

  private long vectorCip() {
    return sim.createCip("ORD-1001", "PEN", new BigDecimal("22.05"), OffsetDateTime.parse("2024-01-16T10:30:00-05:00")).cip();
  }

  private void payVector(long cip, DeliveryPlan plan) {
    sim.pay(cip, "1253", OffsetDateTime.parse("2024-01-15T10:35:12-05:00"), plan);
  }

  @Test
  void pay_shouldSendTheDocumentedBodyAndSignature_byteForByte() {
    payVector(vectorCip(), DeliveryPlan.normal());

    List<Receiver.Received> got = receiver.received();
    assertEquals(1, got.size());
    assertEquals(VECTOR_BODY, got.get(0).text());
    assertEquals(VECTOR_SIGNATURE, got.get(0).signature());
    assertEquals("application/json", got.get(0).contentType());
    assertTrue(sim.webhooks().get(0).delivered());
  }

  @Test
  void delivery_shouldRetryExactlyOnce_whenTheAnswerIsNot200() {
    receiver.answerAlways(500);

    payVector(vectorCip(), DeliveryPlan.normal());

    assertEquals(2, receiver.received().size());
    assertArrayEquals(receiver.received().get(0).body(), receiver.received().get(1).body());
    WebhookDelivery d = sim.webhooks().get(0);
    assertEquals(List.of(500, 500), d.attempts().stream().map(WebhookDelivery.Attempt::status).toList());
    assertFalse(d.delivered());
    assertEquals(List.of(Duration.ofSeconds(30)), sleeps, "one wait before the single retry");
  }

  @Test
  void delivery_shouldStopAfterTheRetry_whenTheRetrySucceeds() {
    receiver.answer(503, 200);

    payVector(vectorCip(), DeliveryPlan.normal());

    assertEquals(2, receiver.received().size());
    assertTrue(sim.webhooks().get(0).delivered());
  }

  @Test
  void delivery_shouldRetryOnce_whenTheFirstAttemptTimesOut() throws Exception {
    try (Receiver slow = new Receiver();
        PagoEfectivoSimulator other = PagoEfectivoSimulator.start(sim.config().toBuilder()
            .webhookUrl(slow.url()).webhookTimeout(Duration.ofMillis(1000)).build())) {
      slow.hangNext(1);
      long cip = other.createCip("ORD-1", "PEN", BigDecimal.TEN, OffsetDateTime.parse("2024-01-16T10:30:00-05:00")).cip();

      other.pay(cip);

      WebhookDelivery d = other.webhooks().get(0);
      assertEquals(2, d.attempts().size());
      assertEquals(0, d.attempts().get(0).status());
      assertEquals(Optional.of("HttpTimeoutException"), d.attempts().get(0).error());
      assertEquals(200, d.attempts().get(1).status());
    }
  }

  @Test
  void drop_shouldLetOnlyTheRetryArrive_orNothing() {
    long first = vectorCip();
    long second = sim.createCip("ORD-1002", "PEN", BigDecimal.TEN, OffsetDateTime.parse("2024-01-16T10:30:00-05:00")).cip();

    payVector(first, DeliveryPlan.normal().dropping(1));
    assertEquals(1, receiver.received().size());
    assertTrue(sim.webhooks().get(0).attempts().get(0).dropped());

    sim.pay(second, "77", OffsetDateTime.parse("2024-01-15T10:40:00-05:00"), DeliveryPlan.normal().dropping(2));
    assertEquals(1, receiver.received().size());
    assertFalse(sim.webhooks().get(1).delivered());
  }

  @Test
  void duplicate_shouldSendTheSameBytesAndSignatureTwice() {
    payVector(vectorCip(), DeliveryPlan.normal().duplicated());

    List<Receiver.Received> got = receiver.received();
    assertEquals(2, got.size());
    assertArrayEquals(got.get(0).body(), got.get(1).body());
    assertEquals(got.get(0).signature(), got.get(1).signature());
  }

  @Test
  void tamper_shouldSpoilTheSignatureAsAsked() {
    long cip = vectorCip();
    payVector(cip, DeliveryPlan.normal().tampered(Tamper.UPPERCASE_SIGNATURE));
    sim.redeliver(cip, DeliveryPlan.normal().tampered(Tamper.MISSING_SIGNATURE));
    sim.redeliver(cip, DeliveryPlan.normal().tampered(Tamper.WRONG_SIGNATURE));
    sim.redeliver(cip, DeliveryPlan.normal().tampered(Tamper.BODY_ALTERED));
    sim.redeliver(cip, DeliveryPlan.normal().signedWith("SANDBOXSECRET"));

    List<Receiver.Received> got = receiver.received();
    assertEquals(VECTOR_SIGNATURE.toUpperCase(), got.get(0).signature());
    assertNull(got.get(1).signature());
    assertEquals(VECTOR_BODY, got.get(2).text());
    assertFalse(VECTOR_SIGNATURE.equals(got.get(2).signature()));
    assertFalse(VECTOR_BODY.equals(got.get(3).text()), "body altered after signing");
    assertEquals(VECTOR_SIGNATURE, got.get(3).signature());
    assertEquals(WebhookSender.sign("SANDBOXSECRET", VECTOR_BODY.getBytes(StandardCharsets.UTF_8)), got.get(4).signature());
  }

  @Test
  void delay_shouldHoldTheWebhookUntilTheClockPassesIt() {
    payVector(vectorCip(), DeliveryPlan.normal().delayedBy(Duration.ofMinutes(40)));
    assertEquals(0, receiver.received().size());
    assertEquals(1, sim.heldDeliveries());

    sim.advanceClock(Duration.ofMinutes(39));
    assertEquals(0, receiver.received().size());
    sim.advanceClock(Duration.ofMinutes(1));

    assertEquals(1, receiver.received().size());
    assertEquals(VECTOR_BODY, receiver.received().get(0).text());
  }

  @Test
  void plannedDeliveries_shouldApplyToTheNextEvents() {
    sim.planNextDeliveries(1, DeliveryPlan.normal().dropping(2));
    long cip = vectorCip();

    sim.pay(cip);

    assertEquals(0, receiver.received().size());
    assertEquals(1, sim.webhooks().size());
  }

  @Test
  void controlSurface_shouldPayOverHttp_outsideV1() {
    long cip = vectorCip();

    Http.Response r = Http.send("POST", sim.controlUrl() + "pay", null,
        "{\"cip\":" + cip + ",\"operationNumber\":\"1253\",\"paymentDate\":\"2024-01-15T10:35:12-05:00\"}");

    assertEquals(200, r.status(), r.body());
    assertEquals(VECTOR_BODY, receiver.received().get(0).text());
    assertEquals(23, sim.cip(cip).orElseThrow().status());
    Http.Response list = Http.send("GET", sim.controlUrl() + "webhooks", null, null);
    assertEquals(VECTOR_SIGNATURE, list.json().get(0).path("signature").asText());
  }

  private String paidBody(String amount) {
    long cip = sim.createCip("ORD-" + amount, "PEN", new BigDecimal(amount), OffsetDateTime.parse("2024-01-16T10:30:00-05:00")).cip();
    sim.pay(cip, "1253", OffsetDateTime.parse("2024-01-15T10:35:12-05:00"));
    Receiver.Received got = receiver.received().get(receiver.received().size() - 1);
    assertEquals(WebhookSender.sign("SECRETKEYEXAMPLE", got.body()), got.signature(), "signed over the bytes sent");
    return got.text();
  }

  @Test
  void webhookAmounts_shouldHaveTwoDecimals_byDefault() {
    assertTrue(paidBody("150.5").contains("\"currency\":\"PEN\",\"amount\":150.50,\"paymentDate\""), receiver.received().toString());
    assertTrue(paidBody("100").contains("\"amount\":100.00,"));
    assertTrue(paidBody("22.05").contains("\"amount\":22.05,"));
  }

  @Test
  void webhookAmounts_shouldDropTrailingZeros_whenConfiguredOrSwitchedOverHttp() {
    sim.close();
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
        .clock(SimClock.frozenAt(Instant.parse("2024-01-15T15:30:00Z")))
        .webhookUrl(receiver.url())
        .webhookAmounts(SimulatorConfig.WebhookAmounts.TRAILING_ZEROS_DROPPED)
        .build());
    assertTrue(paidBody("150.50").contains("\"amount\":150.5,"));
    assertTrue(paidBody("100.00").contains("\"amount\":100,"));

    assertEquals(200, Http.send("POST", sim.controlUrl() + "shape", null, "{\"webhookAmounts\":\"TWO_DECIMALS\"}").status());
    assertTrue(paidBody("7.1").contains("\"amount\":7.10,"));
    assertEquals(200, Http.send("POST", sim.controlUrl() + "shape", null,
        "{\"webhookAmounts\":\"TRAILING_ZEROS_DROPPED\"}").status());
    assertTrue(paidBody("8.10").contains("\"amount\":8.1,"));
    assertEquals(400, Http.send("POST", sim.controlUrl() + "shape", null, "{\"webhookAmounts\":\"CENTS\"}").status());
  }
}
