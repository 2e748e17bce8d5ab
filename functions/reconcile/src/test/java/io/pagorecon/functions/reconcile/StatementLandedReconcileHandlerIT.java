package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.DynamoDbEvidenceStore;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.aws.S3EvidenceStore;
import io.pagorecon.core.Stage;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.reconcile.internal.ReconcileWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ReconcileFunction end to end against moto, wired from the template's environment: statement +
 * orders in S3 and webhooks recorded by the real webhook use case → ledger entries, reports in S3,
 * and an alert received by an SQS queue subscribed to the alerts topic; a re-run adds nothing; a
 * fixed order auto-resolves; a day without a statement alerts.
 */
@MotoStack
class StatementLandedReconcileHandlerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "SECRETKEYEXAMPLE";
  private static final String PREFIX = "statements/sandbox/2024/01/15/";
  private static final String ORDERS_KEY = "orders/sandbox/2024/01/15/shop.csv";

  static final String STATEMENT = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
      + "1001,A1,160.35,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T10:00:00-05:00,\n"
      + "1002,A2,20.00,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T11:00:00-05:00,\n"
      + "1003,A3,5000.00,PEN,PAID,2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T12:00:00-05:00,\n";

  static String orders(String a1Status) {
    return "order_id,cip,amount,currency,status,created_at,paid_at\n"
        + "A1,1001,160.35,PEN," + a1Status + ",2024-01-15T08:59:00-05:00,\n"
        + "A2,1002,20.00,PEN,PAID,2024-01-15T08:59:00-05:00,2024-01-15T11:00:00-05:00\n"
        + "A3,1003,50.00,PEN,PAID,2024-01-15T08:59:00-05:00,2024-01-15T12:00:00-05:00\n";
  }

  static String paid(String cip, String order, String amount, String paymentDate) {
    return "{\"eventType\":\"cip.paid\",\"operationNumber\":\"7" + cip + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"PEN\","
        + "\"amount\":" + amount + ",\"paymentDate\":\"" + paymentDate + "\",\"transactionCode\":\"" + order + "\"}}";
  }

  static void recordWebhooks(AwsTestEnvironment aws) {
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(aws.clients().dynamoDb(), aws.ref("PaymentsTable"));
    WebhookIngest ingest = new WebhookIngest(Stage.SANDBOX, () -> new SigningKeys(SECRET, Optional.empty()),
        new DynamoDbEvidenceStore(new EvidenceItems(aws.clients().dynamoDb(), aws.ref("PaymentsTable")),
            new S3EvidenceStore(aws.clients().s3(), aws.ref("DataBucket")), java.time.Clock.systemUTC()),
        store, new PaymentRecorder(store, Duration.ofMinutes(15)),
        BusinessCalendar.lima());
    List<String> bodies = List.of(
        paid("1001", "A1", "160.35", "2024-01-15T10:00:00-05:00"),
        paid("1002", "A2", "20.00", "2024-01-15T11:00:00-05:00"),
        paid("1003", "A3", "5000.00", "2024-01-15T12:00:00-05:00"));
    int i = 0;
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ingest.ingest(new RawNotification(bytes, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, bytes)),
          Instant.parse("2024-01-15T15:01:00Z").plusSeconds(3600L * i++), "req-" + i));
    }
    // SyncFunction's hourly export ran long ago: these 2024 hours are read from their batches in the bucket
    new EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(), aws.ref("DataBucket"))
        .exportDue(Stage.SANDBOX, Instant.parse("2024-01-16T06:00:00Z"));
  }

  private static void put(AwsTestEnvironment aws, String key, String content) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** A queue subscribed to the alerts topic, as an operator's subscription would be. */
  private static String subscribeQueue(AwsTestEnvironment aws) {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(c -> c.queueName("alerts-probe")).queueUrl();
    String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    return url;
  }

  private static List<Message> receive(AwsTestEnvironment aws, String url, int waitSeconds) {
    List<Message> messages = aws.clients().sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10)).messages();
    messages.forEach(m -> aws.clients().sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
    return messages;
  }

  private static JsonNode invoke(StatementLandedReconcileHandler handler, InputStream event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(event, out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static InputStream eventFile(String name) {
    return StatementLandedReconcileHandlerIT.class.getResourceAsStream("/events/" + name);
  }

  private static InputStream onDemand(String date) {
    return new ByteArrayInputStream(("{\"businessDate\":\"" + date + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void statementLanded_shouldFillLedgerReportsAndAlertOnce_thenAutoResolveAFixedOrder(AwsTestEnvironment aws) throws Exception {
    String queue = subscribeQueue(aws);
    recordWebhooks(aws);
    put(aws, ORDERS_KEY, orders("PENDING"));
    put(aws, PREFIX + "statement.csv", STATEMENT);
    put(aws, PREFIX + "manifest.json", "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha256(STATEMENT) + "\"}}");
    Map<String, String> env = aws.functionEnvironment("ReconcileFunction");
    Clock clock = Clock.fixed(Instant.parse("2024-01-16T11:05:00Z"), ZoneOffset.UTC);
    StatementLandedReconcileHandler handler = new StatementLandedReconcileHandler(ReconcileWiring.fromEnvironment(env), clock);
    DynamoDbLedger ledger = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));

    JsonNode first = invoke(handler, eventFile("eventbridge-statement-manifest-created.json"));

    assertThat(first.path("outcome").asText()).isEqualTo("RECONCILED");
    assertThat(first.path("matched").asInt()).isEqualTo(1);
    assertThat(first.path("opened").asInt()).isEqualTo(2);
    List<LedgerEntry> open = ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100);
    assertThat(open).extracting(LedgerEntry::id).containsExactlyInAnyOrder("PAID_NOT_RECORDED|A1|1001", "AMOUNT_MISMATCH|A3|1003");
    byte[] csv = aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key("reports/sandbox/2024/01/15/discrepancies.csv")).asByteArray();
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(csv, StandardCharsets.UTF_8)).contains("PAID_NOT_RECORDED").contains("x100");
    JsonNode summary = JSON.readTree(aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket"))
        .key("reports/sandbox/2024/01/15/summary.json")).asByteArray());
    assertThat(summary.path("matched").asInt()).isEqualTo(1);
    List<Message> alerts = receive(aws, queue, 10);
    assertThat(alerts).hasSize(1);
    JsonNode envelope = JSON.readTree(alerts.get(0).body());
    assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
    assertThat(envelope.path("Subject").asText()).contains("2024-01-15").contains("1 个新的严重差异");
    assertThat(envelope.path("Message").asText()).contains("PAID_NOT_RECORDED").contains("A1")
        .contains("s3://" + aws.ref("DataBucket") + "/reports/sandbox/2024/01/15/discrepancies.csv");
    assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("critical");
    assertThat(envelope.path("MessageAttributes").path("stage").path("Value").asText()).isEqualTo("sandbox");

    // The same manifest event again: nothing new in the ledger, no second alert.
    JsonNode rerun = invoke(handler, eventFile("eventbridge-statement-manifest-created.json"));

    assertThat(rerun.path("opened").asInt()).isZero();
    assertThat(rerun.path("alerted").asBoolean()).isFalse();
    assertThat(ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100)).containsExactlyInAnyOrderElementsOf(open);
    assertThat(receive(aws, queue, 2)).isEmpty();

    // The seller fixes A1 and exports again: its entry auto-resolves, A3 stays open.
    put(aws, ORDERS_KEY, orders("PAID"));
    JsonNode fixed = invoke(handler, onDemand("2024-01-15"));

    assertThat(fixed.path("autoResolved").asInt()).isEqualTo(1);
    assertThat(ledger.find("PAID_NOT_RECORDED|A1|1001").orElseThrow().status()).isEqualTo(LedgerStatus.AUTO_RESOLVED);
    assertThat(ledger.find("AMOUNT_MISMATCH|A3|1003").orElseThrow().status()).isEqualTo(LedgerStatus.OPEN);
  }

  /**
   * An order exported three days ago and paid today is found through that date's lookback index
   * (written by its own run, read back with ranged GETs from moto), and today's index is written.
   */
  @Test
  void orderOfAnEarlierExport_shouldBeFoundThroughItsLookbackIndex(AwsTestEnvironment aws) throws Exception {
    String bucket = aws.ref("DataBucket");
    String empty = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n";
    put(aws, "orders/sandbox/2024/01/12/shop.csv", "order_id,cip,amount,currency,status,created_at,paid_at\n"
        + "OLD,7001,75.00,PEN,PENDING,2024-01-12T09:00:00-05:00,\n"
        + "QUIET,7002,10.00,PEN,PAID,2024-01-12T09:00:00-05:00,2024-01-12T09:30:00-05:00\n");
    put(aws, "statements/sandbox/2024/01/12/statement.csv", empty);
    put(aws, "statements/sandbox/2024/01/12/manifest.json", "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha256(empty) + "\"}}");
    String today = STATEMENT + "7001,OLD,75.00,PEN,PAID,2024-01-12T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T13:00:00-05:00,\n";
    put(aws, ORDERS_KEY, orders("PAID"));
    put(aws, PREFIX + "statement.csv", today);
    put(aws, PREFIX + "manifest.json", "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha256(today) + "\"}}");
    StatementLandedReconcileHandler handler = new StatementLandedReconcileHandler(ReconcileWiring.fromEnvironment(aws.functionEnvironment("ReconcileFunction")),
        Clock.fixed(Instant.parse("2024-01-16T11:05:00Z"), ZoneOffset.UTC));

    invoke(handler, onDemand("2024-01-12"));
    assertThat(aws.clients().s3().headObject(h -> h.bucket(bucket).key("lookback/sandbox/2024/01/12/orders.idx")).contentLength()).isPositive();
    JsonNode run = invoke(handler, onDemand("2024-01-15"));

    assertThat(run.path("outcome").asText()).isEqualTo("RECONCILED");
    String csv = new String(aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key("reports/sandbox/2024/01/15/discrepancies.csv")).asByteArray(),
        StandardCharsets.UTF_8);
    assertThat(csv).contains("PAID_NOT_RECORDED,critical,OLD,7001,75.00,75.00,PEN,PENDING").doesNotContain("QUIET");
    assertThat(aws.clients().s3().headObject(h -> h.bucket(bucket).key("lookback/sandbox/2024/01/15/orders.idx")).contentLength()).isPositive();
  }

  @Test
  void dayWithoutStatement_shouldAlert(AwsTestEnvironment aws) throws Exception {
    String queue = subscribeQueue(aws);
    put(aws, "orders/sandbox/2024/01/16/shop.csv", orders("PAID"));
    StatementLandedReconcileHandler handler = new StatementLandedReconcileHandler(
        ReconcileWiring.fromEnvironment(aws.functionEnvironment("ReconcileFunction")), Clock.fixed(Instant.parse("2024-01-17T14:00:00Z"), ZoneOffset.UTC));

    JsonNode answer = invoke(handler, eventFile("scheduler-reconcile-yesterday.json"));

    assertThat(answer.path("outcome").asText()).isEqualTo("MISSING_INPUT");
    assertThat(answer.path("businessDate").asText()).isEqualTo("2024-01-16");
    List<Message> alerts = receive(aws, queue, 10);
    assertThat(alerts).hasSize(1);
    JsonNode envelope = JSON.readTree(alerts.get(0).body());
    assertThat(envelope.path("Message").asText()).contains("statements/sandbox/2024/01/16/manifest.json");
    assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("critical");
    assertThat(new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"))
        .byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 10)).isEmpty();
  }

  @Test
  void priming_shouldOnlyReadAndLeaveNothingBehind(AwsTestEnvironment aws) {
    ReconcileWiring wiring = ReconcileWiring.fromEnvironment(aws.functionEnvironment("ReconcileFunction"));

    wiring.primer().run();

    assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("LedgerTable"))).count()).isZero();
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).keyCount()).isZero();
  }
}
