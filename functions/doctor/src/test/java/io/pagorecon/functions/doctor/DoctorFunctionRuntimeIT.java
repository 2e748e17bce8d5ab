package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbSyncRuns;
import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.sync.SyncRuns;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * DoctorFunction's shaded jar (trimmed: docs/performance.md §9 "Jar sizes, round two") run as Lambda
 * runs it, under the runtime interface client, against moto and the PagoEfectivo simulator: the
 * secret from Secrets Manager, the gateway checks, DynamoDB query, batch get (a CIP of the day) and get, SQS queue
 * attributes, S3 HEAD of a missing and of a present object and of the bucket, and the SNS alert of a
 * failing check. A class the shade filters cut that the function needs fails here, not in production.
 */
@MotoStack
class DoctorFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("doctor",
      "io.pagorecon.functions.doctor.ScheduledDoctorHandler::handleRequest", Path.of("target", "doctor-lambda.jar"), 512);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldRunTheChecks_alertOnAFailingOne_andPassOnceThePipelineRan(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    String queue = aws.clients().sqs().createQueue(q -> q.queueName("doctor-runtime-alerts")).queueUrl();
    String arn = aws.clients().sqs().getQueueAttributes(a -> a.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
        .get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Path log = Path.of("target", "ric-doctor.log");

    try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.running(Clock.systemUTC())).build());
        RuntimeApiStandIn api = new RuntimeApiStandIn()) {
      Map<String, String> env = new HashMap<>(aws.functionEnvironment("DoctorFunction"));
      env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
      env.remove(DoctorTarget.WEBHOOK_URL);
      try (LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, env, api.address(), log)) {
        JsonNode first = JSON.readTree(lambda.await(api.invoke("inv-1", "{\"trigger\":\"schedule\"}"), api));

        assertThat(first.path("failed").asInt()).as(first.toString()).isEqualTo(1);
        assertThat(first.path("checks")).extracting(c -> c.path("check").asText() + "=" + c.path("verdict").asText())
            .contains("credentials=PASS", "ip-allowlist=PASS", "clock-skew=PASS", "pipeline=FAIL");
        List<Message> alerts = aws.clients().sqs().receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
        assertThat(alerts).singleElement().satisfies(m -> assertThat(JSON.readTree(m.body()).path("Message").asText()).contains("FAIL pipeline"));

        LocalDate today = BusinessCalendar.lima().businessDate(Instant.now());
        for (int back = 1; back <= 2; back++) {
          String day = today.minusDays(back).toString().replace('-', '/');
          for (String key : List.of("statements/sandbox/" + day + "/manifest.json", "reports/sandbox/" + day + "/summary.json")) {
            aws.clients().s3().putObject(r -> r.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromString("{}"));
          }
        }
        new DynamoDbSyncRuns(aws.clients().dynamoDb(), aws.ref("PaymentsTable")).record(new SyncRuns.Run(Instant.now(), 0, 0));
        // a CIP of today (its DAY# item only): the webhook check's query now leads to a batch get of its state
        aws.clients().dynamoDb().putItem(p -> p.tableName(aws.ref("PaymentsTable")).item(PaymentItems.dayItem(new PaymentFact("99000001",
            PaymentEvent.CREATED, "api:CREATED", Source.API, Instant.now(), today, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(OffsetDateTime.now().plusDays(2)), Optional.empty(), Optional.empty(), Optional.empty()),
            Instant.now().getEpochSecond() + 86_400)));
        JsonNode second = JSON.readTree(lambda.await(api.invoke("inv-2", "{\"trigger\":\"schedule\"}"), api));

        assertThat(second.path("failed").asInt()).as(second.toString()).isZero();
      }
    }
  }
}
