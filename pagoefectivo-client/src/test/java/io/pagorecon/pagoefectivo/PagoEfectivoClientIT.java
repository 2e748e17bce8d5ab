package io.pagorecon.pagoefectivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.gateway.GatewayException.Kind;
import io.pagorecon.core.gateway.IssuedCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.simulator.ApiCall;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagoEfectivoClientIT {

  private static final Instant NOW = Instant.parse("2024-01-15T15:30:00Z");
  private static final OffsetDateTime TOMORROW = OffsetDateTime.parse("2024-01-16T10:30:00-05:00");
  private static final PagoEfectivoCredentials CREDS =
      new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035");

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private SimClock clock;
  private PagoEfectivoSimulator sim;
  private PagoEfectivoClient client;

  private void start(UnaryOperator<SimulatorConfig.Builder> simSetup, UnaryOperator<PagoEfectivoConfig> clientSetup) {
    clock = SimClock.frozenAt(NOW);
    sim = PagoEfectivoSimulator.start(simSetup.apply(SimulatorConfig.builder().clock(clock).timeoutHold(Duration.ofSeconds(4))).build());
    PagoEfectivoConfig config = PagoEfectivoConfig.of(URI.create(sim.baseUrl()), CREDS)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500))
        .withConcurrency(4, 0);
    client = new PagoEfectivoClient(clientSetup.apply(config), clock, sleeps::add, () -> 0.5);
  }

  private void start() {
    start(b -> b, c -> c);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static CipRequest order(String id, String amount) {
    return CipRequest.of(id, Money.of(amount, Currency.PEN), TOMORROW, "shopper@example.com");
  }

  private String newCip(String id, String amount) {
    return client.create(order(id, amount)).cip();
  }

  private List<ApiCall> calls(String path) {
    return sim.apiCalls().stream().filter(c -> c.path().equals(path)).toList();
  }

  private static GatewayCip found(CipLookup l) {
    return assertInstanceOf(CipLookup.Found.class, l).gatewayCip();
  }

  // ---- happy paths and request shape ----

  @Test
  void create_shouldSendStrictCamelCaseBody_andReadTheLenientAnswer() throws Exception {
    start();
    CipRequest r = new CipRequest("ORD-1", Money.of("22.50", Currency.PEN),
        Optional.of(OffsetDateTime.parse("2024-01-16T23:30:00+08:00")), "shopper@example.com",
        Optional.of("Pedido 1"), Optional.empty(), Optional.empty(), Optional.of("u-1"), Optional.of("Ana"),
        Optional.of("Quispe"), Optional.of("DNI"), Optional.of("12345678"), Optional.empty(), Optional.empty(),
        Optional.of("150101"), Optional.of("PERU"));

    IssuedCip issued = client.create(r);

    ApiCall call = calls("/v1/cips").get(0);
    assertEquals("POST", call.method());
    assertEquals("web", call.header("origin"));
    assertEquals("es-PE", call.header("accept-language"));
    assertTrue(call.header("authorization").matches("Bearer [^ ]+"));
    JsonNode body = new ObjectMapper().readTree(call.body());
    assertTrue(call.body().contains("\"amount\":22.50"), call.body());
    assertEquals("2024-01-16T10:30:00-05:00", body.path("dateExpiry").asText());
    assertEquals("12345678", body.path("userDocumentNumber").asText());
    assertTrue(body.path("adminEmail").isMissingNode(), "absent optionals are not sent");
    assertTrue(issued.cip().matches("[0-9]+"));
    assertEquals(Money.of("22.50", Currency.PEN), issued.amount());
    assertEquals(OffsetDateTime.parse("2024-01-16T10:30:00-05:00"), issued.dateExpiry());
    assertTrue(issued.cipUrl().endsWith(".html"));
  }

  @Test
  void authorization_shouldSendHashOfLimaDateRequest_andCacheTheToken() throws Exception {
    start();
    newCip("ORD-1", "10");
    client.search(List.of("1000001"));
    client.search(List.of("1000001"));

    List<ApiCall> auth = calls("/v1/authorizations");
    assertEquals(1, auth.size());
    JsonNode body = new ObjectMapper().readTree(auth.get(0).body());
    assertEquals("2024-01-15T10:30:00-05:00", body.path("dateRequest").asText());
    assertEquals("c8b73fe9a0774f9731876df99b59b919fb2eb94fc7d93ff9e9d55145ecb5e7b8", body.path("hashString").asText());
    assertTrue(body.path("idService").isNumber());
  }

  @Test
  void search_shouldMapEveryStatus_andSplitIntoBatchesOfFive() {
    start();
    List<String> cips = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      cips.add(newCip("ORD-" + i, "10.5"));
    }
    sim.pay(Long.parseLong(cips.get(0)), "1253", OffsetDateTime.parse("2024-01-15T10:35:12-05:00"));
    sim.expire(Long.parseLong(cips.get(1)));
    sim.delete(Long.parseLong(cips.get(2)));
    sim.pay(Long.parseLong(cips.get(3)));
    sim.refund(Long.parseLong(cips.get(3)));
    List<String> asked = new ArrayList<>(cips);
    asked.add("99999999");

    Map<String, CipLookup> result = client.search(asked);

    assertEquals(asked, new ArrayList<>(result.keySet()), "every CIP, in request order");
    assertEquals(3, calls("/v1/cips/search").size(), "12 CIPs = 5 + 5 + 2");
    GatewayCip paid = found(result.get(cips.get(0)));
    assertEquals(PaymentState.PAID, paid.state());
    assertEquals(23, paid.statusCode());
    assertEquals("Cancelado", paid.statusName());
    assertEquals(Optional.of(Money.of("10.50", Currency.PEN)), paid.amount());
    assertEquals(Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), paid.paidAt());
    assertEquals(Optional.of("ORD-0"), paid.transactionCode());
    assertEquals(PaymentState.EXPIRED, found(result.get(cips.get(1))).state());
    assertEquals(PaymentState.DELETED, found(result.get(cips.get(2))).state());
    assertEquals(PaymentState.REFUNDED, found(result.get(cips.get(3))).state());
    assertEquals(PaymentState.PENDING, found(result.get(cips.get(4))).state());
    assertEquals(Optional.empty(), found(result.get(cips.get(4))).paidAt());
    assertInstanceOf(CipLookup.NotFound.class, result.get("99999999"));
  }

  @Test
  void search_shouldReadShapeVariants_codeAsStringEmptyDatesAndObjectErrors() {
    start(b -> b.codeAsString(true).absentDateStyle(SimulatorConfig.AbsentDateStyle.EMPTY_STRING).errorDataAsObject(true)
        .rejectDuplicateTransactionCode(true), c -> c);
    String cip = newCip("ORD-1", "10");

    GatewayCip g = found(client.search(List.of(cip)).get(cip));
    GatewayException dup = assertThrows(GatewayException.class, () -> client.create(order("ORD-1", "10")));

    assertEquals(PaymentState.PENDING, g.state());
    assertEquals(Optional.empty(), g.paidAt());
    assertEquals(Kind.VALIDATION, dup.kind());
    assertEquals("111", dup.gatewayCode());
    assertEquals(List.of(new GatewayException.FieldError("transactionCode", "113", "Valor inválido.")), dup.fieldErrors());
  }

  @Test
  void changeExpiryAndDelete_shouldReopenExpiredCips_andRefusePaidOnes() {
    start();
    String expired = newCip("ORD-1", "10");
    String paid = newCip("ORD-2", "10");
    sim.expire(Long.parseLong(expired));
    sim.pay(Long.parseLong(paid));

    client.changeExpiry(expired, OffsetDateTime.parse("2024-01-20T10:00:00-05:00"));
    GatewayException refused = assertThrows(GatewayException.class, () -> client.delete(paid));

    assertEquals(PaymentState.PENDING, found(client.search(List.of(expired)).get(expired)).state());
    assertEquals(Kind.VALIDATION, refused.kind());
    assertEquals(400, refused.httpStatus());
    client.delete(expired);
    assertEquals(PaymentState.DELETED, found(client.search(List.of(expired)).get(expired)).state());
    assertEquals("PATCH", calls("/v1/cips/" + expired).get(0).method());
  }

  // ---- error classes ----

  @Test
  void create_shouldRefuseInvalidFieldsBeforeSending() {
    start();
    CipRequest bad = CipRequest.of("x".repeat(37), Money.of("0.00", Currency.PEN), TOMORROW.minusDays(3), "");

    GatewayException e = assertThrows(GatewayException.class, () -> client.create(bad));

    assertEquals(Kind.VALIDATION, e.kind());
    assertEquals(List.of("113:transactionCode", "113:amount", "112:userEmail", "113:dateExpiry"),
        e.fieldErrors().stream().map(f -> f.code() + ":" + f.field()).toList());
    assertEquals(0, calls("/v1/cips").size());
  }

  @Test
  void create_shouldBeRejected511_whenOverTheMerchantMaximum() {
    start(b -> b.maxAmount(new BigDecimal("100.00")), c -> c);

    GatewayException e = assertThrows(GatewayException.class, () -> client.create(order("ORD-1", "100.01")));

    assertEquals(Kind.REJECTED, e.kind());
    assertEquals("511", e.gatewayCode());
    assertEquals(1, calls("/v1/cips").size(), "a refusal is never retried");
  }

  @Test
  void calls_shouldBeRejected508_whenTokenDoesNotMatchTheService() {
    start();
    String cip = newCip("ORD-1", "10");
    sim.injectFault(ApiFault.TOKEN_SERVICE_MISMATCH, 1, "/v1/cips/" + cip);

    GatewayException e = assertThrows(GatewayException.class, () -> client.delete(cip));

    assertEquals(Kind.REJECTED, e.kind());
    assertEquals("508", e.gatewayCode());
  }

  @Test
  void authorization_shouldBeUnauthorized_whenCredentialsAreWrong() {
    start(b -> b.credentials("ACCESSKEYEXAMPLE0001", "ANOTHERSECRET", "1035"), c -> c);

    GatewayException e = assertThrows(GatewayException.class, () -> client.search(List.of("1000001")));

    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertEquals("hashString", e.fieldErrors().get(0).field());
    assertEquals(1, calls("/v1/authorizations").size(), "a refused authorization is not retried");
  }

  // ---- tokens ----

  @Test
  void token_shouldBeRefreshedShortlyBeforeItExpires() {
    start();
    String cip = newCip("ORD-1", "10");
    clock.advance(Duration.ofMinutes(114)); // 6 minutes left: still in use
    client.search(List.of(cip));
    assertEquals(1, calls("/v1/authorizations").size());

    clock.advance(Duration.ofMinutes(2)); // 4 minutes left: inside the 5-minute margin

    client.search(List.of(cip));
    assertEquals(2, calls("/v1/authorizations").size());
    assertTrue(calls("/v1/cips/search").stream().allMatch(c -> c.status() == 200), "no 401 was needed");
  }

  @Test
  void token_shouldBeRenewedOnce_whenACallGets401() {
    start();
    String cip = newCip("ORD-1", "10");
    sim.revokeTokens();

    CipLookup l = client.search(List.of(cip)).get(cip);

    assertEquals(PaymentState.PENDING, found(l).state());
    assertEquals(2, calls("/v1/authorizations").size());
    assertEquals(List.of(401, 200), calls("/v1/cips/search").stream().map(ApiCall::status).toList());
  }

  @Test
  void calls_shouldBeUnauthorized_whenStill401AfterReauthenticating() {
    start();
    String cip = newCip("ORD-1", "10");
    sim.injectFault(ApiFault.UNAUTHORIZED, 2, "/v1/cips/search");

    GatewayException e = assertThrows(GatewayException.class, () -> client.search(List.of(cip)));

    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertEquals(2, calls("/v1/authorizations").size(), "exactly one re-authentication");
    assertEquals(2, calls("/v1/cips/search").size());
  }

  // ---- retries ----

  @Test
  void search_shouldRetry5xxAnd429WithExponentialBackoff_thenSucceed() {
    start();
    String cip = newCip("ORD-1", "10");
    sleeps.clear();
    sim.injectFault(ApiFault.SERVER_ERROR, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TOO_MANY_REQUESTS, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips/search");

    CipLookup l = client.search(List.of(cip)).get(cip);

    assertEquals(PaymentState.PENDING, found(l).state());
    assertEquals(List.of(500, 429, 503, 200), calls("/v1/cips/search").stream().map(ApiCall::status).toList());
    // base 200 ms doubling, half jittered with a draw of 0.5: 150, 300, 600 ms
    assertEquals(List.of(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600)), sleeps);
  }

  @Test
  void search_shouldGiveFailedItems_whenRetriesAreExhausted() {
    start();
    String cip = newCip("ORD-1", "10");
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 10, "/v1/cips/search");

    CipLookup l = client.search(List.of(cip)).get(cip);

    CipLookup.Failed f = assertInstanceOf(CipLookup.Failed.class, l);
    assertTrue(f.reason().startsWith("UNAVAILABLE"), f.reason());
    assertEquals(4, calls("/v1/cips/search").size(), "maxAttempts of the default policy");
  }

  @Test
  void search_shouldRetryTimeoutsAndMalformedAnswers() {
    start();
    String cip = newCip("ORD-1", "10");
    sim.injectFault(ApiFault.TIMEOUT, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TRUNCATED_JSON, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.WRONG_CONTENT_TYPE, 1, "/v1/cips/search");

    CipLookup l = client.search(List.of(cip)).get(cip);

    assertEquals(PaymentState.PENDING, found(l).state());
    assertEquals(4, calls("/v1/cips/search").size());
  }

  @Test
  void create_shouldNeverBeRepeated_whenItsOutcomeIsUnknown() {
    start();
    sim.injectFault(ApiFault.SERVER_ERROR, 1, "/v1/cips");
    GatewayException e500 = assertThrows(GatewayException.class, () -> client.create(order("ORD-1", "10")));
    sim.injectFault(ApiFault.TIMEOUT, 1, "/v1/cips");
    GatewayException timeout = assertThrows(GatewayException.class, () -> client.create(order("ORD-2", "10")));
    sim.injectFault(ApiFault.TRUNCATED_JSON, 1, "/v1/cips");
    GatewayException truncated = assertThrows(GatewayException.class, () -> client.create(order("ORD-3", "10")));

    assertEquals(Kind.OUTCOME_UNKNOWN, e500.kind());
    assertEquals(Kind.OUTCOME_UNKNOWN, timeout.kind());
    assertEquals(Kind.OUTCOME_UNKNOWN, truncated.kind());
    assertEquals(3, calls("/v1/cips").size(), "one POST per create, none repeated");
    assertEquals(1, sim.cips().size(), "the truncated answer hid a CIP that really exists");
  }

  @Test
  void create_shouldBeOutcomeUnknown_whenTheAnswerIsLostAfterTheCipWasCommitted() {
    start();
    sim.injectFault(ApiFault.TIMEOUT_AFTER_COMMIT, 1, "/v1/cips");

    GatewayException lost = assertThrows(GatewayException.class, () -> client.create(order("ORD-1", "10")));

    assertEquals(Kind.OUTCOME_UNKNOWN, lost.kind());
    assertEquals(1, calls("/v1/cips").size(), "not repeated");
    assertEquals(1, sim.cips().size(), "the CIP exists though the create failed");
    String cip = Long.toString(sim.cips().get(0).cip());
    assertEquals("ORD-1", sim.cips().get(0).transactionCode());
    assertEquals(PaymentState.PENDING, found(client.search(List.of(cip)).get(cip)).state());
  }

  @Test
  void create_shouldBeRetried_whenRefusedBeforeAnyWork() {
    start();
    sim.injectFault(ApiFault.TOO_MANY_REQUESTS, 1, "/v1/cips");
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips");

    IssuedCip issued = client.create(order("ORD-1", "10"));

    assertEquals(List.of(429, 503, 201), calls("/v1/cips").stream().map(ApiCall::status).toList());
    assertEquals(1, sim.cips().size());
    assertEquals(Long.toString(sim.cips().get(0).cip()), issued.cip());
  }

  @Test
  void calls_shouldFailAsUnavailable_whenTheHostCannotBeReached() {
    start();
    sim.close();
    PagoEfectivoClient offline = new PagoEfectivoClient(PagoEfectivoConfig.of(URI.create(sim.baseUrl()), CREDS)
        .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), 0)), clock, sleeps::add, () -> 0);
    sim = null;

    CipLookup lookup = offline.search(List.of("1000001")).get("1000001");
    GatewayException e = assertThrows(GatewayException.class, () -> offline.create(order("ORD-1", "10")));

    assertTrue(assertInstanceOf(CipLookup.Failed.class, lookup).reason().startsWith("UNAVAILABLE"));
    assertEquals(Kind.UNAVAILABLE, e.kind(), "nothing was sent, so the outcome is known");
    assertEquals(0, e.httpStatus());
    offline.close();
  }

  // ---- concurrency ----

  @Test
  void search_shouldKeepAtMostMaxConcurrencyBatchesInFlight() {
    start(b -> b.slowResponseDelay(Duration.ofMillis(60)), c -> c.withConcurrency(2, 0));
    List<String> cips = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      cips.add(newCip("ORD-" + i, "1"));
    }
    sim.resetApiLog();
    sim.injectFault(ApiFault.SLOW, 8, "/v1/cips/search");

    Map<String, CipLookup> result = client.search(cips);

    assertEquals(40, result.values().stream().filter(l -> l instanceof CipLookup.Found).count());
    assertEquals(8, calls("/v1/cips/search").size());
    assertTrue(sim.maxConcurrentRequests() <= 2, "in flight: " + sim.maxConcurrentRequests());
  }
}
