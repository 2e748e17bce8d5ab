package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.FaultProxy;
import io.pagorecon.devstack.FaultProxy.Fault;
import io.pagorecon.devstack.FaultProxy.Match;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.reconcile.internal.ReconcileWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The reconcile run with AWS failing mid-run (the fault proxy in front of moto): the run fails
 * loudly, and the re-run completes it: the ledger holds exactly the two findings, open, the
 * reports are written, and exactly one alert went out over both runs.
 */
@MotoStack
class ReconcileAwsFaultsIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PREFIX = "statements/sandbox/2024/01/15/";
  /** More than the SDK's own retries. */
  static final int PERSISTENT = 20;

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Match.dynamoDb("PutItem"), Fault.HTTP_500, PERSISTENT),
        Arguments.of(Match.dynamoDb("PutItem"), Fault.THROTTLE, PERSISTENT),
        // The ledger write lands but its answer is lost: the re-run must not count it twice.
        Arguments.of(Match.dynamoDb("PutItem"), Fault.DROP_AFTER, PERSISTENT),
        Arguments.of(Match.dynamoDb("BatchGetItem"), Fault.HTTP_500, PERSISTENT),
        Arguments.of(Match.s3PutObject("reports/"), Fault.HTTP_500, PERSISTENT),
        Arguments.of(Match.sns("Publish"), Fault.HTTP_500, PERSISTENT));
  }

  @ParameterizedTest(name = "{0} {1} x{2}")
  @MethodSource("faults")
  void rerun_shouldCompleteACrashedRun_withAConsistentLedgerAndOneAlert(Match match, Fault fault, int times, AwsTestEnvironment aws)
      throws Exception {
    String queue = subscribeQueue(aws);
    StatementLandedReconcileHandlerIT.recordWebhooks(aws);
    put(aws, "orders/sandbox/2024/01/15/shop.csv", StatementLandedReconcileHandlerIT.orders("PENDING"));
    put(aws, PREFIX + "statement.csv", StatementLandedReconcileHandlerIT.STATEMENT);
    put(aws, PREFIX + "manifest.json", "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\""
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
            StatementLandedReconcileHandlerIT.STATEMENT.getBytes(StandardCharsets.UTF_8))) + "\"}}");
    try (FaultProxy proxy = FaultProxy.start(aws.endpoint())) {
      Map<String, String> env = new HashMap<>(aws.functionEnvironment("ReconcileFunction"));
      env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
      StatementLandedReconcileHandler handler = new StatementLandedReconcileHandler(ReconcileWiring.fromEnvironment(env),
          Clock.fixed(Instant.parse("2024-01-16T11:05:00Z"), ZoneOffset.UTC));
      proxy.failNext(match, fault, times);

      boolean failed = false;
      String first = "";
      try {
        first = invoke(handler).toString();
      } catch (RuntimeException e) {
        failed = true; // Lambda retries the asynchronous invocation; the schedule runs it again anyway
      }
      proxy.clearFaults();
      JsonNode rerun = invoke(handler);

      assertThat(proxy.injected(match, fault)).as("the fault fired").isPositive();
      assertThat(failed).as("the faulted run failed loudly, not: " + first).isTrue();
      assertThat(rerun.path("outcome").asText()).isEqualTo("RECONCILED");
      DynamoDbLedger ledger = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));
      List<LedgerEntry> open = ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100);
      assertThat(open).extracting(LedgerEntry::id).containsExactlyInAnyOrder("PAID_NOT_RECORDED|A1|1001", "AMOUNT_MISMATCH|A3|1003");
      assertThat(open).allSatisfy(e -> assertThat(e.alertPending()).as(e.id() + " alert owed").isFalse());
      assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("LedgerTable"))).items().stream()
          .filter(i -> i.get("pk").s().contains("|")).count()).as("no duplicate ledger entry").isEqualTo(2);
      assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix("reports/sandbox/2024/01/15/")).contents())
          .hasSize(2);
      assertThat(receiveAll(aws, queue)).as("exactly one alert over both runs").hasSize(1);
    }
  }

  private static JsonNode invoke(StatementLandedReconcileHandler handler) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream("{\"businessDate\":\"2024-01-15\"}".getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static void put(AwsTestEnvironment aws, String key, String content) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static String subscribeQueue(AwsTestEnvironment aws) {
    String url = aws.clients().sqs().createQueue(c -> c.queueName("alerts-probe")).queueUrl();
    String arn = aws.clients().sqs().getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
        .get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    return url;
  }

  private static List<Message> receiveAll(AwsTestEnvironment aws, String url) {
    List<Message> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.addAll(aws.clients().sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages());
    }
    return all;
  }
}
