package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.IngestResult;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The webhook use case on the real adapters against moto, with the template's table and bucket. */
@MotoStack
class WebhookStorageIT {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final String BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\","
      + "\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}";
  static final Instant RECEIVED = Instant.parse("2024-01-15T15:36:00Z");

  static WebhookIngest ingest(AwsTestEnvironment aws) {
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(aws.clients().dynamoDb(), aws.ref("PaymentsTable"));
    DynamoDbEvidenceStore evidence = new DynamoDbEvidenceStore(new EvidenceItems(aws.clients().dynamoDb(), aws.ref("PaymentsTable")),
        new S3EvidenceStore(aws.clients().s3(), aws.ref("DataBucket")), Clock.systemUTC());
    return new WebhookIngest(Stage.SANDBOX, () -> new SigningKeys(SECRET, Optional.empty()), evidence, store,
        new PaymentRecorder(store, Duration.ofMinutes(10)), BusinessCalendar.lima());
  }

  static RawNotification signed(String body, String requestId) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new RawNotification(bytes, Map.of("pe-signature", Signatures.hmacSha256Hex(SECRET, bytes)), RECEIVED, requestId);
  }

  static Map<String, AttributeValue> stateItem(AwsTestEnvironment aws, String cip) {
    return aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("PaymentsTable")).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("CIP#" + cip), "sk", AttributeValue.fromS("STATE")))).item();
  }

  /** The facts the CIP's state item recorded (docs/data-model.md); there are no separate notification items. */
  static List<Map<String, AttributeValue>> facts(AwsTestEnvironment aws, String cip) {
    QueryResponse r = aws.clients().dynamoDb().query(q -> q.tableName(aws.ref("PaymentsTable")).consistentRead(true)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CIP#" + cip))));
    assertThat(r.items()).as("only the state item under CIP#" + cip).allSatisfy(i -> assertThat(i.get("sk").s()).isEqualTo("STATE"));
    return r.items().stream().flatMap(i -> i.get("facts").m().values().stream()).map(AttributeValue::m).toList();
  }

  static EvidenceArchive archive(AwsTestEnvironment aws) {
    return new EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(), aws.ref("DataBucket"));
  }

  @Test
  void redelivery_shouldChangeStateOnce_whenSameNotificationArrivesFiveTimes(AwsTestEnvironment aws) {
    WebhookIngest ingest = ingest(aws);
    List<IngestResult> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(ingest.ingest(signed(BODY, "req-" + i)));
    }

    assertThat(results).extracting(IngestResult::httpStatus).containsOnly(200);
    assertThat(results).filteredOn(r -> r instanceof IngestResult.Accepted).hasSize(1);
    assertThat(results).filteredOn(r -> r instanceof IngestResult.Duplicate).hasSize(4);
    Map<String, AttributeValue> state = stateItem(aws, "11546901");
    assertThat(state.get("state").s()).isEqualTo("PAID");
    assertThat(state.get("version").n()).isEqualTo("1");
    assertThat(facts(aws, "11546901")).hasSize(1);
  }

  @Test
  void concurrentDelivery_shouldApplyExactlyOnce_whenEightThreadsDeliverTheSameNotification(AwsTestEnvironment aws)
      throws Exception {
    WebhookIngest ingest = ingest(aws);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<IngestResult>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        String requestId = "req-" + i;
        Callable<IngestResult> delivery = () -> {
          start.await();
          return ingest.ingest(signed(BODY, requestId));
        };
        futures.add(pool.submit(delivery));
      }
      start.countDown();
      List<IngestResult> results = new ArrayList<>();
      for (Future<IngestResult> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }

      assertThat(results).filteredOn(r -> r instanceof IngestResult.Accepted).hasSize(1);
      assertThat(results).filteredOn(r -> r instanceof IngestResult.Duplicate).hasSize(7);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stateItem(aws, "11546901").get("version").n()).isEqualTo("1");
    assertThat(facts(aws, "11546901")).hasSize(1);
  }

  @Test
  void lateExpiry_shouldLeaveCipPaid_whenExpiredArrivesAfterPaid(AwsTestEnvironment aws) {
    WebhookIngest ingest = ingest(aws);
    ingest.ingest(signed(BODY, "req-1"));
    IngestResult late = ingest.ingest(signed("{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"11546901\"}}", "req-2"));

    assertThat(late).isInstanceOf(IngestResult.Stale.class);
    assertThat(stateItem(aws, "11546901").get("state").s()).isEqualTo(PaymentState.PAID.name());
    assertThat(facts(aws, "11546901")).extracting(f -> f.get("applied").bool()).containsExactlyInAnyOrder(true, false);
  }

  @Test
  void evidence_shouldHoldTheExactBodyBytes_inTheItemThenInTheHourlyBatch(AwsTestEnvironment aws) throws Exception {
    IngestResult.Accepted accepted = (IngestResult.Accepted) ingest(aws).ingest(signed(BODY, "req-1"));
    EvidenceArchive archive = archive(aws);

    assertThat(accepted.evidenceKey()).startsWith("evidence/sandbox/batches/2024/01/15/15.jsonl.gz#11546901/cip.paid-");
    EvidenceItems.Evidence item = archive.read(accepted.evidenceKey()).orElseThrow();
    assertThat(item.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(item.metadata()).containsEntry("request-id", "req-1").containsEntry("business-date", "2024-01-15").containsKey("pe-signature");
    assertThat(facts(aws, "11546901").get(0).get("evidenceKey").s()).isEqualTo(accepted.evidenceKey());
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).contents()).as("no object per notification").isEmpty();

    // the export of the complete hour: one gzip JSON-lines object, the same bytes and headers
    List<EvidenceArchive.Exported> exported = archive.exportDue(Stage.SANDBOX, Instant.parse("2024-01-15T16:06:00Z"));
    assertThat(exported).contains(new EvidenceArchive.Exported("evidence/sandbox/batches/2024/01/15/15.jsonl.gz", 1, true));
    Map<String, EvidenceItems.Evidence> batch = new java.util.HashMap<>();
    archive.readBatch("evidence/sandbox/batches/2024/01/15/15.jsonl.gz", batch::put);
    EvidenceItems.Evidence exportedRecord = batch.get(EvidenceItems.idOf(accepted.evidenceKey()));
    assertThat(exportedRecord.body()).isEqualTo(item.body());
    assertThat(exportedRecord.metadata()).isEqualTo(item.metadata());
    // again: unchanged, so nothing is written a second time
    assertThat(archive.export("evidence/sandbox/batches/2024/01/15/15.jsonl.gz").written()).isFalse();
    assertThat(aws.clients().s3().listObjectVersions(l -> l.bucket(aws.ref("DataBucket"))).versions())
        .filteredOn(v -> v.key().equals("evidence/sandbox/batches/2024/01/15/15.jsonl.gz")).hasSize(1);
    // the other hours of the window were exported too, empty, so a missing batch always means "not exported yet"
    assertThat(exported).hasSize(24).allSatisfy(e -> assertThat(e.written()).isTrue());
    assertThat(archive.exportDue(Stage.SANDBOX, Instant.parse("2024-01-15T16:16:00Z"))).noneMatch(EvidenceArchive.Exported::written);
  }

  @Test
  void webhookLog_shouldListTheDatesNotifications_onceEach_fromTheEvidence(AwsTestEnvironment aws) {
    WebhookIngest ingest = ingest(aws);
    ingest.ingest(signed(BODY, "req-1"));
    ingest.ingest(signed(BODY, "req-2"));
    String other = BODY.replace("11546901", "11546902").replace("2024-01-15T10:35:12", "2024-01-16T10:35:12");
    ingest.ingest(signed(other, "req-3"));
    DynamoDbWebhookLog log = new DynamoDbWebhookLog(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), archive(aws), Stage.SANDBOX,
        java.time.ZoneId.of("America/Lima"), Clock.fixed(Instant.parse("2024-01-16T12:00:00Z"), java.time.ZoneOffset.UTC));

    assertThat(log.verifiedOn(java.time.LocalDate.of(2024, 1, 15))).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8)));
    assertThat(log.verifiedOn(java.time.LocalDate.of(2024, 1, 16))).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(other.getBytes(StandardCharsets.UTF_8)));
    Map<java.time.LocalDate, List<String>> expected = Map.of(java.time.LocalDate.of(2024, 1, 15), List.of(BODY),
        java.time.LocalDate.of(2024, 1, 16), List.of(other));
    assertThat(byDate(log)).as("several dates in one pass, from the items").isEqualTo(expected);

    // weeks later the items have expired: the same answer from the hourly batches, found by one listing per day
    EvidenceArchive archive = archive(aws);
    for (Instant hour = Instant.parse("2024-01-15T00:00:00Z"); hour.isBefore(Instant.parse("2024-01-17T00:00:00Z"));
        hour = hour.plus(java.time.Duration.ofHours(1))) {
      archive.export(io.pagorecon.core.webhook.EvidenceKeys.batchObject(Stage.SANDBOX, hour));
    }
    assertThat(archive.batchesOf(Stage.SANDBOX, java.time.LocalDate.of(2024, 1, 15)))
        .hasSize(24).contains("evidence/sandbox/batches/2024/01/15/15.jsonl.gz");
    aws.clients().dynamoDb().scan(r -> r.tableName(aws.ref("PaymentsTable"))).items().stream()
        .filter(i -> i.get("pk").s().startsWith("EVIDENCE#"))
        .forEach(i -> aws.clients().dynamoDb().deleteItem(d -> d.tableName(aws.ref("PaymentsTable"))
            .key(Map.of("pk", i.get("pk"), "sk", i.get("sk")))));
    DynamoDbWebhookLog later = new DynamoDbWebhookLog(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), archive, Stage.SANDBOX,
        java.time.ZoneId.of("America/Lima"), Clock.fixed(Instant.parse("2024-02-10T12:00:00Z"), java.time.ZoneOffset.UTC));
    assertThat(later.verifiedOn(java.time.LocalDate.of(2024, 1, 15))).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8)));
    assertThat(later.verifiedOn(java.time.LocalDate.of(2024, 1, 16))).singleElement()
        .satisfies(r -> assertThat(r.body()).isEqualTo(other.getBytes(StandardCharsets.UTF_8)));

    assertThat(byDate(later)).as("several dates in one pass, from the batches").isEqualTo(expected);
  }

  /** Several dates in one pass over the receipt hours (14 January has none). */
  private static Map<java.time.LocalDate, List<String>> byDate(DynamoDbWebhookLog log) {
    Map<java.time.LocalDate, List<String>> byDate = new java.util.TreeMap<>();
    log.forEachVerifiedOn(List.of(java.time.LocalDate.of(2024, 1, 16), java.time.LocalDate.of(2024, 1, 15), java.time.LocalDate.of(2024, 1, 14)),
        (d, r) -> byDate.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(new String(r.body(), StandardCharsets.UTF_8)));
    return byDate;
  }

  @Test
  void requestCheck_shouldScheduleKnownCip_whenSignatureFails(AwsTestEnvironment aws) {
    WebhookIngest ingest = ingest(aws);
    ingest.ingest(signed("{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"42\"}}", "req-1"));
    byte[] forged = BODY.replace("11546901", "42").getBytes(StandardCharsets.UTF_8);
    IngestResult r = ingest.ingest(new RawNotification(forged, Map.of("pe-signature", "00".repeat(32)), RECEIVED.plusSeconds(60), "req-2"));

    assertThat(((IngestResult.Rejected) r).checkRequested()).isTrue();
    Map<String, AttributeValue> state = stateItem(aws, "42");
    assertThat(state.get("state").s()).isEqualTo("EXPIRED");
    assertThat(state.get("nextCheckAt").n()).isEqualTo(Long.toString(RECEIVED.plusSeconds(60).getEpochSecond()));
    assertThat(state.get("openShard").s()).startsWith("OPEN#");
  }
}
