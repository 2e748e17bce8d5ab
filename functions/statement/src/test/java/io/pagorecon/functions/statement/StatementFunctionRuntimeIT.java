package io.pagorecon.functions.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.Source;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The statement jar (StatementFunction and StatementSliceFunction; its SDK models and commons
 * libraries trimmed: docs/performance.md §9 "Jar sizes, round two") run as Lambda runs it, under the
 * runtime interface client, against moto and the PagoEfectivo simulator. The planner queries the
 * day's CIPs (DynamoDB), stores the plan (S3) and queues two slices (SQS SendMessageBatch); the slice
 * worker reads the secret (Secrets Manager), looks its CIPs up (PagoEfectivo), writes its part, and
 * the last slice claims the assembly (a conditional S3 write), merges a portal .xlsx from the inbox
 * (S3 list and get; fastexcel) and publishes. A slice failing on its last receive alerts (SNS). A
 * class the shade filters cut that the function needs fails here, not in production.
 */
@MotoStack
class StatementFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function PLANNER = new LambdaRuntimeProcess.Function("statement",
      "io.pagorecon.functions.statement.DailyStatementHandler::handleRequest", Path.of("target", "statement-lambda.jar"), 1024);
  static final LambdaRuntimeProcess.Function SLICE = new LambdaRuntimeProcess.Function("statement-slice",
      "io.pagorecon.functions.statement.StatementSliceHandler::handleRequest", Path.of("target", "statement-lambda.jar"), 1024);
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final String PREFIX = "statements/sandbox/2024/01/15/";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldPlanTheDay_queueItsSlices_andPublishFromTheLastSlice_withThePortalXlsxMerged(AwsTestEnvironment aws, @TempDir Path task)
      throws Exception {
    String bucket = aws.ref("DataBucket");
    String alertsQueue = aws.clients().sqs().createQueue(q -> q.queueName("statement-runtime-alerts")).queueUrl();
    String arn = aws.clients().sqs().getQueueAttributes(a -> a.queueUrl(alertsQueue).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
        .get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    aws.clients().s3().putObject(p -> p.bucket(bucket).key("inbox/portal/portal-2024-01-15.xlsx"), RequestBody.fromBytes(portalXlsx()));
    Path plannerLog = Path.of("target", "ric-statement.log");
    Path sliceLog = Path.of("target", "ric-statement-slice.log");
    List<String> cips;

    try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.running(Clock.systemUTC())).build());
        RuntimeApiStandIn plannerApi = new RuntimeApiStandIn();
        RuntimeApiStandIn sliceApi = new RuntimeApiStandIn()) {
      cips = day(aws, sim, 6);
      Map<String, String> planner = new HashMap<>(aws.functionEnvironment("StatementFunction"));
      planner.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
      planner.put("STATEMENT_SLICE_CIPS", "3");
      Map<String, String> worker = new HashMap<>(aws.functionEnvironment("StatementSliceFunction"));
      worker.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
      worker.put("PAGOEFECTIVO_RETRY_ATTEMPTS", "1");
      String sliceQueue = planner.get("STATEMENT_SLICE_QUEUE_URL");

      JsonNode planned;
      try (LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(PLANNER, task.resolve("planner"), planner, plannerApi.address(), plannerLog)) {
        planned = JSON.readTree(lambda.await(plannerApi.invoke("plan-1", "{\"businessDate\":\"2024-01-15\"}"), plannerApi));
      }
      assertThat(planned.path("status").asText()).as(planned.toString()).isEqualTo("SLICED");
      assertThat(planned.path("slices").asInt()).isEqualTo(2);
      List<Message> tasks = new ArrayList<>();
      for (int i = 0; i < 10 && tasks.size() < 2; i++) {
        tasks.addAll(aws.clients().sqs().receiveMessage(r -> r.queueUrl(sliceQueue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
      }
      assertThat(tasks).hasSize(2);

      try (LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(SLICE, task.resolve("slice"), worker, sliceApi.address(), sliceLog)) {
        sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips/search");
        JsonNode lastAttempt = JSON.readTree(lambda.await(sliceApi.invoke("slice-1", event(List.of(tasks.get(0)), 3)), sliceApi));

        assertThat(lastAttempt.path("batchItemFailures")).as(lastAttempt.toString()).hasSize(1);
        List<Message> alerts = aws.clients().sqs().receiveMessage(r -> r.queueUrl(alertsQueue).waitTimeSeconds(5).maxNumberOfMessages(10))
            .messages();
        assertThat(alerts).singleElement().satisfies(m -> assertThat(JSON.readTree(m.body()).path("Message").asText()).contains("2024-01-15"));

        JsonNode done = JSON.readTree(lambda.await(sliceApi.invoke("slice-2", event(tasks, 1)), sliceApi));

        assertThat(done.path("batchItemFailures")).as(done.toString()).isEmpty();
      }
    }

    JsonNode manifest = JSON.readTree(object(aws, PREFIX + "manifest.json"));
    assertThat(manifest.path("queried").asInt()).isEqualTo(6);
    assertThat(manifest.path("sources").toString()).contains("settlement:inbox/portal/portal-2024-01-15.xlsx");
    String csv = object(aws, PREFIX + "statement.csv");
    assertThat(csv).contains(cips.get(0)).contains(cips.get(3)).contains("99000777,PORTAL-1,12.50,PEN,PAID");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(bucket).prefix("journal/")).contents()).as("the API call journal").isNotEmpty();
  }

  /** {@code n} CIPs of the day in the payments table: n - 1 issued at the simulator (every other one paid), 1 it does not know. */
  private static List<String> day(AwsTestEnvironment aws, PagoEfectivoSimulator sim, int n) {
    OffsetDateTime expiry = OffsetDateTime.now().plusDays(2);
    Instant created = Instant.parse("2024-01-15T15:00:00Z");
    List<String> cips = new ArrayList<>();
    List<WriteRequest> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cip = i < n - 1 ? Long.toString(sim.createCip("ORD-" + i, "PEN", new BigDecimal((i + 1) + ".50"), expiry).cip())
          : Long.toString(99_000_000L + i);
      if (i < n - 1 && i % 2 == 0) {
        sim.pay(Long.parseLong(cip));
      }
      cips.add(cip);
      items.add(WriteRequest.builder().putRequest(p -> p.item(PaymentItems.dayItem(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED",
          Source.API, created, DAY, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(expiry), Optional.empty(),
          Optional.empty(), Optional.empty()), Instant.now().getEpochSecond() + 86_400))).build());
    }
    aws.clients().dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(aws.ref("PaymentsTable"), items)));
    return cips;
  }

  /** The portal's export of the day: one paid CIP the API did not list, so the statement adds it. */
  private static byte[] portalXlsx() throws Exception {
    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    Workbook wb = new Workbook(xlsx, "pagorecon-test", "1.0");
    Worksheet ws = wb.newWorksheet("Sheet1");
    String[] header = {"cip", "transaction_code", "amount", "currency", "status", "paid_at"};
    for (int c = 0; c < header.length; c++) {
      ws.value(0, c, header[c]);
    }
    ws.value(1, 0, "99000777");
    ws.value(1, 1, "PORTAL-1");
    ws.value(1, 2, new BigDecimal("12.50"));
    ws.value(1, 3, "PEN");
    ws.value(1, 4, "PAID");
    ws.value(1, 5, LocalDateTime.of(2024, 1, 15, 10, 35, 12));
    ws.style(1, 5).format("yyyy-mm-dd hh:mm:ss").set();
    wb.finish();
    return xlsx.toByteArray();
  }

  /** An SQS event of the slice queue's event source mapping carrying {@code messages}, each received {@code receives} times. */
  private static String event(List<Message> messages, int receives) {
    ObjectNode event = JSON.createObjectNode();
    var records = event.putArray("Records");
    for (Message m : messages) {
      records.addObject().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle()).put("body", m.body())
          .put("eventSource", "aws:sqs").putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receives));
    }
    return event.toString();
  }

  private static String object(AwsTestEnvironment aws, String key) {
    return aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key(key)).asString(StandardCharsets.UTF_8);
  }
}
