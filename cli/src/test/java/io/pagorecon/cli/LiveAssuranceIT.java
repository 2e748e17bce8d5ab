package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.cli.demo.Demo;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.cli.internal.TemplateRoutes;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.CipView;
import io.pagorecon.simulator.DeliveryPlan;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Live payment assurance end to end (docs/payment-decision.md): the template's stack in moto
 * (production stage), the simulator over real HTTP delivering signed webhooks to WebhookFunction
 * behind the local HTTP API, PaymentsApiFunction for POST/GET/DELETE /payments, SyncFunction for
 * the auto-cancel. Each case reads its alert back from a queue subscribed to the alerts topic and
 * its shop event from a queue targeted by a rule on the shop events bus. One stack for all cases:
 * moto is slow.
 */
@MotoStack(stage = "production")
class LiveAssuranceIT {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final String SANDBOX_KEY = "SANDBOXSECRETEXAMPLE";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private AwsTestEnvironment aws;
  private SimClock clock;
  private PagoEfectivoSimulator sim;
  private LocalHttpApi api;
  private String alertsQueue;
  private String eventsQueue;

  @Test
  void everyRiskyPayment_isHeldAlertedOnceAndPublished_cancelsAndExpiriesCloseAtTheGateway(AwsTestEnvironment env) throws Exception {
    aws = env;
    aws.putSecret("PagoEfectivoSecret", Demo.exampleSecrets().get("PagoEfectivoSecret"));
    clock = SimClock.frozenAt(T0);
    int port = Demo.freePort();
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).credentials(Demo.ACCESS_KEY, Demo.SECRET_KEY, Demo.ID_SERVICE)
        .timeoutHold(Duration.ofMillis(1500)).webhookUrl("http://127.0.0.1:" + port + "/webhooks/pagoefectivo").build());
    try {
      LocalHttpApi.Builder b = LocalHttpApi.builder().port(port);
      TemplateRoutes.of(aws.stack().template()).forEach((route, fn) ->
          LocalFunctions.route(fn, environment(fn), clock).ifPresent(r -> b.route(route, r)));
      api = b.start();
      alertsQueue = alertsInbox();
      eventsQueue = shopEventsInbox();
      run();
    } finally {
      if (api != null) {
        api.close();
      }
      sim.close();
    }
  }

  private void run() throws Exception {
    OffsetDateTime expiry = T0.plus(Duration.ofDays(3)).atOffset(ZoneOffset.ofHours(-5));

    // underpaid, overpaid, wrong currency: a CIP issued elsewhere names the order and is paid
    record Wrong(String order, String currency, String amount, String reason) {}
    List<Wrong> wrong = List.of(
        new Wrong("ORD-UNDER", "PEN", "150.00", "AMOUNT_MISMATCH"),
        new Wrong("ORD-OVER", "PEN", "170.00", "AMOUNT_MISMATCH"),
        new Wrong("ORD-USD", "USD", "160.35", "CURRENCY_MISMATCH"));
    for (Wrong w : wrong) {
      assertThat(create(w.order()).statusCode()).isEqualTo(201);
      CipView elsewhere = sim.createCip(w.order(), w.currency(), new BigDecimal(w.amount()), expiry);
      sim.pay(elsewhere.cip());
      JsonNode status = status(w.order());
      assertThat(status.path("shippable").asBoolean()).as(w.order()).isFalse();
      assertThat(texts(status.path("reasons"))).as(w.order()).containsExactly(w.reason());
      assertThat(status.path("cips").findValuesAsText("source")).contains("webhook");
    }

    // a payment naming no order pagorecon knows: kept, alerted as UNKNOWN_ORDER
    CipView orphan = sim.createCip("ORD-NOBODY", "PEN", new BigDecimal("99.90"), expiry);
    sim.pay(orphan.cip());
    assertThat(call("GET", "/payments/ORD-NOBODY", null).statusCode()).isEqualTo(404);

    // a second payment of an order: its own CIP, then one issued elsewhere
    String own = create("ORD-TWICE").body().path("cip").asText();
    sim.pay(Long.parseLong(own));
    assertThat(status("ORD-TWICE").path("shippable").asBoolean()).isTrue();
    CipView second = sim.createCip("ORD-TWICE", "PEN", new BigDecimal("160.35"), expiry);
    sim.pay(second.cip());
    assertThat(texts(status("ORD-TWICE").path("reasons"))).containsExactly("DUPLICATE_PAYMENT");

    // the create's answer is lost after PagoEfectivo committed the CIP; the shopper pays it anyway
    sim.injectFault(ApiFault.TIMEOUT_AFTER_COMMIT, 1, "/v1/cips");
    assertThat(create("ORD-LOST").statusCode()).isEqualTo(504);
    CipView lost = sim.cips().stream().filter(c -> c.transactionCode().equals("ORD-LOST")).findFirst().orElseThrow();
    sim.pay(lost.cip());
    JsonNode recovered = status("ORD-LOST");
    assertThat(recovered.path("shippable").asBoolean()).isTrue();
    assertThat(recovered.path("currentCip").asText()).isEqualTo(Long.toString(lost.cip()));

    // sandbox-signed on production: refused, alerted once however often it is sent
    String sandboxCip = create("ORD-SANDBOX").body().path("cip").asText();
    byte[] body = ("{\"eventType\":\"cip.paid\",\"operationNumber\":\"9\",\"data\":{\"cip\":\"" + sandboxCip
        + "\",\"currency\":\"PEN\",\"amount\":160.35,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-SANDBOX\"}}")
        .getBytes(StandardCharsets.UTF_8);
    sim.sendRaw("cip.paid", Long.parseLong(sandboxCip), body, DeliveryPlan.normal().signedWith(SANDBOX_KEY));
    sim.sendRaw("cip.paid", Long.parseLong(sandboxCip), body, DeliveryPlan.normal().signedWith(SANDBOX_KEY));
    assertThat(status("ORD-SANDBOX").path("shippable").asBoolean()).isFalse();

    // cancel: the unpaid CIP is deleted at PagoEfectivo
    String cancelCip = create("ORD-CANCEL").body().path("cip").asText();
    Reply cancelled = call("DELETE", "/payments/ORD-CANCEL", null);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(texts(cancelled.body().path("deleted"))).containsExactly(cancelCip);
    assertThat(sim.cip(Long.parseLong(cancelCip)).orElseThrow().status()).isEqualTo(25);
    assertThat(status("ORD-CANCEL").path("status").asText()).isEqualTo("cancelled");
    assertThat(create("ORD-CANCEL").statusCode()).isEqualTo(409);

    // a cancel racing a payment: paid at the agent, the webhook still on its way
    String raceCip = create("ORD-RACE").body().path("cip").asText();
    sim.pay(Long.parseLong(raceCip), sim.nextOperationNumber(), clock.instant().atOffset(ZoneOffset.ofHours(-5)),
        DeliveryPlan.normal().delayedBy(Duration.ofMinutes(5)));
    Reply race = call("DELETE", "/payments/ORD-RACE", null);
    assertThat(race.statusCode()).isEqualTo(409);
    assertThat(race.body().path("code").asText()).isEqualTo("ORDER_ALREADY_PAID");
    assertThat(texts(race.body().path("reasons"))).containsExactly("PAID_NOT_RECORDED");
    sim.advanceClock(Duration.ofMinutes(6)); // the late webhook lands: the same payment, nothing new
    JsonNode held = status("ORD-RACE");
    assertThat(held.path("status").asText()).isEqualTo("paid");
    assertThat(held.path("shippable").asBoolean()).isFalse();

    // auto-cancel: an order left open longer than OrderOpenHours (24 by default)
    String openCip = create("ORD-OPEN").body().path("cip").asText();
    sim.advanceClock(Duration.ofHours(25));
    LocalFunctions.Invocation sync = LocalFunctions.invocation("SyncFunction", environment("SyncFunction"), clock).orElseThrow();
    JsonNode swept = JSON.readTree(sync.invoke("{\"trigger\":\"schedule\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(swept.path("expiredOrders").asInt()).as(swept.toString()).isPositive();
    assertThat(sim.cip(Long.parseLong(openCip)).orElseThrow().status()).isEqualTo(25);
    assertThat(status("ORD-OPEN").path("status").asText()).isEqualTo("cancelled");

    // every alert exactly once, with the ledger id the daily run gives the same finding
    List<String> subjects = new ArrayList<>();
    for (JsonNode m : json(aws.drain(alertsQueue))) {
      subjects.add(m.path("Subject").asText());
    }
    assertThat(subjects).filteredOn(s -> s.contains("ORD-UNDER")).singleElement().asString().contains("AMOUNT_MISMATCH");
    assertThat(subjects).filteredOn(s -> s.contains("ORD-OVER")).singleElement().asString().contains("AMOUNT_MISMATCH");
    assertThat(subjects).filteredOn(s -> s.contains("ORD-USD")).singleElement().asString().contains("CURRENCY_MISMATCH");
    assertThat(subjects).filteredOn(s -> s.contains("ORD-TWICE")).singleElement().asString().contains("DUPLICATE_PAYMENT")
        .contains(Long.toString(second.cip()));
    assertThat(subjects).filteredOn(s -> s.contains("ORD-RACE")).singleElement().asString().contains("PAID_NOT_RECORDED");
    assertThat(subjects).filteredOn(s -> s.contains("ORD-NOBODY")).singleElement().asString().contains("UNKNOWN_ORDER")
        .contains(Long.toString(orphan.cip()));
    assertThat(subjects).filteredOn(s -> s.contains("SANDBOX_SIGNATURE")).singleElement().asString().contains(sandboxCip);
    assertThat(subjects).noneMatch(s -> s.contains("ORD-LOST") || s.contains("ORD-CANCEL") || s.contains("ORD-OPEN"));
    assertThat(aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("LedgerTable"))
        .key(io.pagorecon.aws.internal.LedgerItems.key("DUPLICATE_PAYMENT|ORD-TWICE|" + second.cip()))).item()).isNotEmpty();

    // the shop's events, read back from its rule's queue
    Map<String, List<String>> events = new HashMap<>();
    for (JsonNode e : json(aws.drain(eventsQueue))) {
      events.computeIfAbsent(e.path("detail").path("orderId").asText(), k -> new ArrayList<>())
          .add(e.path("detail-type").asText() + texts(e.path("detail").path("reasons")));
    }
    assertThat(events.get("ORD-UNDER")).containsOnly("payment.held[AMOUNT_MISMATCH]");
    assertThat(events.get("ORD-OVER")).containsOnly("payment.held[AMOUNT_MISMATCH]");
    assertThat(events.get("ORD-USD")).containsOnly("payment.held[CURRENCY_MISMATCH]");
    assertThat(events.get("ORD-TWICE")).containsExactlyInAnyOrder("payment.confirmed[]", "payment.held[DUPLICATE_PAYMENT]");
    assertThat(events.get("ORD-LOST")).containsOnly("payment.confirmed[]");
    assertThat(events.get("ORD-CANCEL")).containsExactly("order.cancelled[]");
    assertThat(events.get("ORD-RACE")).contains("payment.held[PAID_NOT_RECORDED]").doesNotContain("order.cancelled[]");
    assertThat(events.get("ORD-OPEN")).containsExactly("order.expired[]");
    assertThat(events.get("ORD-SANDBOX")).as("never paid, so only expired").containsExactly("order.expired[]");
  }

  /** The function's template environment, PagoEfectivo pointed at the simulator. */
  private Map<String, String> environment(String logicalId) {
    Map<String, String> env = new HashMap<>(aws.functionEnvironment(logicalId));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put("PAGOEFECTIVO_RATE_PER_SECOND", "0");
    env.put("PAGOEFECTIVO_READ_TIMEOUT_MS", "1000");
    env.put("PAGOEFECTIVO_RETRY_BASE_MS", "1");
    return env;
  }

  private Reply create(String orderId) throws Exception {
    return call("POST", "/payments", "{\"orderId\":\"" + orderId + "\",\"amount\":\"160.35\",\"currency\":\"PEN\","
        + "\"userEmail\":\"shopper@example.com\"}");
  }

  private JsonNode status(String orderId) throws Exception {
    Reply r = call("GET", "/payments/" + orderId, null);
    assertThat(r.statusCode()).as(r.body().toString()).isEqualTo(200);
    return r.body();
  }

  record Reply(int statusCode, JsonNode body) {}

  private Reply call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.baseUri() + path)).header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), JSON.readTree(r.body()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private String alertsInbox() {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(q -> q.queueName("live-alerts-inbox")).queueUrl();
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(aws.queueArn(url)));
    return url;
  }

  /** What a shop does: a rule on the bus for pagorecon's events, targeting its queue. */
  private String shopEventsInbox() {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(q -> q.queueName("shop-events-inbox")).queueUrl();
    String bus = aws.ref("ShopEventBus");
    aws.clients().eventBridge().putRule(r -> r.name("shop-inbox").eventBusName(bus).eventPattern("{\"source\":[\"pagorecon\"]}"));
    aws.clients().eventBridge().putTargets(t -> t.rule("shop-inbox").eventBusName(bus).targets(x -> x.id("queue").arn(aws.queueArn(url))));
    return url;
  }

  private static List<JsonNode> json(List<String> bodies) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String b : bodies) {
      out.add(JSON.readTree(b));
    }
    return out;
  }
}
