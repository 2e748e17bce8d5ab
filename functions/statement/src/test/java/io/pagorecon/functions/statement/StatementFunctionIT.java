package io.pagorecon.functions.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.DynamoDbOrderStore;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.S3SettlementInbox;
import io.pagorecon.aws.S3StatementStore;
import io.pagorecon.aws.SnsPaymentNotices;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.CreatePayment;
import io.pagorecon.core.order.CreatePaymentResult;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.statement.SettlementMapping;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.sync.CheckSchedule;
import io.pagorecon.core.sync.SweepReport;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.pagoefectivo.PagoEfectivoClient;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.pagoefectivo.RetryPolicy;
import io.pagorecon.simulator.ApiCall;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.CipView;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.pagorecon.aws.internal.PaymentItems;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Sync and statement end to end: the real adapters against moto, the real client against the
 * simulator (webhooks never delivered: no URL), time injected everywhere.
 */
@MotoStack
class StatementFunctionIT {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Instant RUN = Instant.parse("2024-01-16T07:00:00Z");
  static final String PREFIX = "statements/sandbox/2024/01/15/";
  static final PagoEfectivoCredentials CREDS = new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035");
  static final ObjectMapper JSON = new ObjectMapper();

  private SimClock clock;
  private PagoEfectivoSimulator sim;
  private PagoEfectivoClient client;
  private AwsTestEnvironment aws;
  private DynamoDbPaymentStore store;
  private DynamoDbCipRegistry registry;
  private PaymentRecorder recorder;
  private SnsPaymentNotices notices;
  private StatementBuilder builder;
  private SyncSweep sweep;
  private String queueUrl;

  private void start(AwsTestEnvironment env) {
    aws = env;
    clock = SimClock.frozenAt(T0);
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).timeoutHold(Duration.ofSeconds(1)).build());
    PagoEfectivoConfig config = PagoEfectivoConfig.of(URI.create(sim.baseUrl()), CREDS)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400))
        .withConcurrency(4, 0)
        .withRetry(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), 0));
    client = new PagoEfectivoClient(config, clock, d -> { }, () -> 0.5);
    String table = aws.ref("PaymentsTable");
    store = new DynamoDbPaymentStore(aws.clients().dynamoDb(), table);
    registry = new DynamoDbCipRegistry(aws.clients().dynamoDb(), table);
    recorder = new PaymentRecorder(store, Duration.ofMinutes(10));
    notices = new SnsPaymentNotices(aws.clients().sns(), aws.ref("AlertsTopic"), "sandbox");
    builder = new StatementBuilder(registry, client, new S3StatementStore(aws.clients().s3(), aws.ref("DataBucket"), "sandbox"), notices,
        new S3SettlementInbox(aws.clients().s3(), aws.ref("DataBucket")), SettlementMapping.standard(), BusinessCalendar.lima(), "sandbox");
    sweep = new SyncSweep(registry, store, recorder, client, notices, CheckSchedule.standard(), BusinessCalendar.lima(), 500);
    queueUrl = aws.clients().sqs().createQueue(q -> q.queueName("alerts-probe")).queueUrl();
    String queueArn = aws.clients().sqs().getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(queueArn));
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

  @Test
  void paidCipWithAllWebhooksDropped_shouldBeRecoveredBySync_andAppearPaidInTheStatement(AwsTestEnvironment env) throws Exception {
    start(env);
    OrderPayments payments = new OrderPayments(new DynamoDbOrderStore(aws.clients().dynamoDb(), aws.ref("PaymentsTable")), store, registry,
        recorder, client, client, e -> { }, BusinessCalendar.lima(), OrderPayments.Settings.standard());
    String cip = ((CreatePaymentResult.Created) payments.create(
        new CreatePayment("ORD-1", Money.of("160.35", Currency.PEN), "shopper@example.com", Optional.empty(), Optional.empty()),
        clock.instant())).cip();
    clock.advance(Duration.ofMinutes(4));
    sim.pay(Long.parseLong(cip));
    clock.advance(Duration.ofMinutes(6));

    SweepReport report = sweep.run(clock.instant());

    assertThat(report.recovered()).extracting(SweepReport.Recovered::cip).containsExactly(cip);
    JsonNode notice = onlyNotice();
    assertThat(notice.get("type").asText()).isEqualTo("payment.recovered");
    assertThat(notice.get("cip").asText()).isEqualTo(cip);
    assertThat(notice.get("orderId").asText()).isEqualTo("ORD-1");
    assertThat(notice.get("state").asText()).isEqualTo("PAID");

    JsonNode answer = invoke("invoke-statement-on-demand.json");

    assertThat(answer.get("status").asText()).isEqualTo("PUBLISHED");
    String csv = object(PREFIX + "statement.csv");
    assertThat(csv).contains(cip + ",ORD-1,160.35,PEN,PAID,");
    JsonNode manifest = JSON.readTree(object(PREFIX + "manifest.json"));
    assertThat(manifest.at("/rowsByStatus/PAID").asInt()).isEqualTo(1);
    assertThat(manifest.at("/totals/PEN/PAID").asText()).isEqualTo("160.35");
    assertThat(manifest.at("/file/sha256").asText()).isEqualTo(sha256(csv));
  }

  @Test
  void expiryAndRefund_shouldBeRecoveredLikewise_andTheScheduleHonoured(AwsTestEnvironment env) throws Exception {
    start(env);
    String expired = created("ORD-1", "10.00");
    String refunded = created("ORD-2", "20.00");
    String pending = created("ORD-3", "30.00");
    clock.advance(Duration.ofMinutes(2));
    sim.expire(Long.parseLong(expired));
    sim.pay(Long.parseLong(refunded));
    sim.refund(Long.parseLong(refunded));

    assertThat(sweep.run(T0.plus(Duration.ofMinutes(9))).checked()).as("nothing is due before 10 min").isZero();
    SweepReport report = sweep.run(T0.plus(Duration.ofMinutes(10)));

    assertThat(report.checked()).isEqualTo(3);
    assertThat(report.recovered()).extracting(r -> r.cip() + ":" + r.to()).containsExactlyInAnyOrder(expired + ":EXPIRED", refunded + ":REFUNDED");
    assertThat(store.find(pending).orElseThrow().nextCheckAt()).contains(T0.plus(Duration.ofHours(1)));
    long searches = searchCalls();
    assertThat(sweep.run(T0.plus(Duration.ofMinutes(59))).checked()).isZero();
    assertThat(searchCalls()).isEqualTo(searches);
    assertThat(sweep.run(T0.plus(Duration.ofHours(1))).checked()).as("the pending and the expired CIP stay watched").isEqualTo(2);

    builder.build(DAY, RUN);

    String csv = object(PREFIX + "statement.csv");
    assertThat(csv).contains(expired + ",ORD-1,10.00,PEN,EXPIRED,").contains(refunded + ",ORD-2,20.00,PEN,REFUNDED,")
        .contains(pending + ",ORD-3,30.00,PEN,PENDING,");
  }

  @Test
  void statementOfTwoThousandCips_shouldBeCompleteWithMatchingTotals(AwsTestEnvironment env) throws Exception {
    start(env);
    OffsetDateTime expiry = OffsetDateTime.parse("2024-01-17T10:00:00-05:00");
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal open = BigDecimal.ZERO;
    List<WriteRequest> dayItems = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      BigDecimal amount = new BigDecimal((i % 700 + 1) + "." + String.format("%02d", i % 100));
      CipView v = sim.createCip("ORD-" + i, "PEN", amount, expiry);
      String cip = Long.toString(v.cip());
      String orderId = "ORD-" + i;
      // the day's activity items, as the recorder writes them, in batches: moto is slow under load
      dayItems.add(WriteRequest.builder().putRequest(p -> p.item(PaymentItems.dayItem(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED",
          Source.API, T0, DAY, Optional.empty(), Optional.of(orderId), Optional.empty(), Optional.of(expiry), Optional.empty(),
          Optional.empty(), Optional.empty()), RUN.getEpochSecond() + 86_400))).build());
      if (i % 4 == 0) {
        sim.pay(v.cip());
        paid = paid.add(amount);
      } else {
        open = open.add(amount);
      }
    }
    for (int from = 0; from < dayItems.size(); from += 25) {
      List<WriteRequest> batch = dayItems.subList(from, from + 25);
      aws.clients().dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(aws.ref("PaymentsTable"), batch)));
    }

    JsonNode answer = invoke("invoke-statement-on-demand.json");

    assertThat(answer.get("status").asText()).isEqualTo("PUBLISHED");
    assertThat(answer.get("rows").asInt()).isEqualTo(2000);
    String csv = object(PREFIX + "statement.csv");
    assertThat(csv.split("\n")).hasSize(2001);
    JsonNode manifest = JSON.readTree(object(PREFIX + "manifest.json"));
    assertThat(manifest.at("/file/rows").asInt()).isEqualTo(2000);
    assertThat(manifest.at("/rowsByStatus/PAID").asInt()).isEqualTo(500);
    assertThat(manifest.at("/rowsByStatus/PENDING").asInt()).isEqualTo(1500);
    assertThat(new BigDecimal(manifest.at("/totals/PEN/PAID").asText())).isEqualByComparingTo(paid);
    assertThat(new BigDecimal(manifest.at("/totals/PEN/PENDING").asText())).isEqualByComparingTo(open);
    assertThat(manifest.at("/file/sha256").asText()).isEqualTo(sha256(csv));
    assertThat(sim.apiCalls().stream().filter(c -> c.path().equals("/v1/cips/search")).count()).isEqualTo(400);
  }

  @Test
  void apiFaults_shouldBeRetried_thenGiveACompleteStatementOrNoneAndAnAlert(AwsTestEnvironment env) throws Exception {
    start(env);
    for (int i = 0; i < 7; i++) {
      created("ORD-" + i, "1" + i + ".00");
    }
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 40, "/v1/cips/search");

    JsonNode failed = invoke("invoke-statement-on-demand.json");

    assertThat(failed.get("status").asText()).isEqualTo("FAILED");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix(PREFIX)).contents()).isEmpty();
    JsonNode alert = onlyNotice();
    assertThat(alert.get("type").asText()).isEqualTo("statement.failed");
    assertThat(alert.get("businessDate").asText()).isEqualTo("2024-01-15");

    sim.clearFaults();
    sim.injectFault(ApiFault.SERVER_ERROR, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TOO_MANY_REQUESTS, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TIMEOUT, 1, "/v1/cips/search");

    JsonNode retried = invoke("invoke-statement-on-demand.json");

    assertThat(retried.get("status").asText()).isEqualTo("PUBLISHED");
    assertThat(retried.get("rows").asInt()).isEqualTo(7);
    assertThat(sim.apiCalls().stream().filter(c -> c.path().equals("/v1/cips/search")).map(ApiCall::status))
        .contains(500, 429);
  }

  @Test
  void rerun_shouldReplaceTheDayWithTheSameStatement(AwsTestEnvironment env) throws Exception {
    start(env);
    String cip = created("ORD-1", "10.00");
    sim.pay(Long.parseLong(cip));
    invoke("invoke-statement-on-demand.json");
    String first = object(PREFIX + "statement.csv");

    invoke("invoke-statement-on-demand.json");

    List<ObjectVersion> versions = aws.clients().s3().listObjectVersions(l -> l.bucket(aws.ref("DataBucket")).prefix(PREFIX + "statement.csv")).versions();
    assertThat(versions).hasSize(2);
    assertThat(object(PREFIX + "statement.csv")).isEqualTo(first);
    assertThat(JSON.readTree(object(PREFIX + "manifest.json")).at("/file/sha256").asText()).isEqualTo(sha256(first));
  }

  @Test
  void invalidOnDemandEvent_shouldBeRefusedWithAStableCode_andWriteNothing(AwsTestEnvironment env) throws Exception {
    start(env);
    created("ORD-1", "10.00");

    JsonNode answer = invoke("invoke-statement-on-demand-invalid.json");
    JsonNode scheduled = invoke("scheduler-statement-daily-invalid.json");

    assertThat(answer.get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(scheduled.get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix("statements/")).contents()).isEmpty();
  }

  @Test
  void scheduledEvent_shouldBuildThePreviousLimaDay(AwsTestEnvironment env) throws Exception {
    start(env);
    created("ORD-1", "10.00");

    JsonNode answer = invoke("scheduler-statement-daily.json");

    assertThat(answer.get("businessDate").asText()).isEqualTo("2024-01-15");
    assertThat(answer.get("status").asText()).isEqualTo("PUBLISHED");
  }

  @Test
  void handlerWiredFromTheTemplateEnvironment_shouldPublishThroughTheRealServices(AwsTestEnvironment env) throws Exception {
    start(env);
    String cip = created("ORD-1", "10.00");
    sim.pay(Long.parseLong(cip));
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> functionEnv = new java.util.HashMap<>(aws.functionEnvironment("StatementFunction"));
    functionEnv.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    StatementBuilder wired = io.pagorecon.functions.statement.internal.StatementWiring.fromEnvironment(functionEnv, clock).builder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DailyStatementHandler handler = new DailyStatementHandler(wired, Clock.fixed(RUN, ZoneOffset.UTC), new PrintStream(new ByteArrayOutputStream()));

    try (InputStream in = getClass().getResourceAsStream("/events/scheduler-statement-daily.json")) {
      handler.handleRequest(in, out, null);
    }

    assertThat(JSON.readTree(out.toByteArray()).get("status").asText()).isEqualTo("PUBLISHED");
    assertThat(object(PREFIX + "statement.csv")).contains(cip + ",ORD-1,10.00,PEN,PAID,");
  }

  private String created(String orderId, String amount) {
    CipView v = sim.createCip(orderId, "PEN", new BigDecimal(amount), OffsetDateTime.parse("2024-01-17T10:00:00-05:00"));
    String cip = Long.toString(v.cip());
    recorder.record(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED", Source.API, T0, DAY, Optional.of(Money.of(amount, Currency.PEN)),
        Optional.of(orderId), Optional.empty(), Optional.of(v.dateExpiry()), Optional.empty(), Optional.empty(), Optional.empty()));
    return cip;
  }

  private long searchCalls() {
    return sim.apiCalls().stream().filter(c -> c.path().equals("/v1/cips/search")).count();
  }

  private JsonNode invoke(String eventFile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    DailyStatementHandler handler = new DailyStatementHandler(builder, Clock.fixed(RUN, ZoneOffset.UTC), new PrintStream(logs, true, StandardCharsets.UTF_8));
    try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
      handler.handleRequest(in, out, null);
    }
    JsonNode logLine = JSON.readTree(logs.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow());
    assertThat(logLine.has("event")).isTrue();
    return JSON.readTree(out.toByteArray());
  }

  private String object(String key) {
    return aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key(key)).asString(StandardCharsets.UTF_8);
  }

  private JsonNode onlyNotice() throws IOException {
    List<Message> messages = new ArrayList<>(aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages());
    assertThat(messages).hasSize(1);
    JsonNode envelope = JSON.readTree(messages.get(0).body());
    // every alert carries the attributes the email and DingTalk subscriptions filter on
    assertThat(envelope.at("/MessageAttributes/severity/Value").asText()).isIn("high", "critical");
    assertThat(envelope.at("/MessageAttributes/stage/Value").asText()).isEqualTo("sandbox");
    return JSON.readTree(envelope.get("Message").asText());
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

}
