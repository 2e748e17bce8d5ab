package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.SnsAlertPublisher;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The daily doctor in the stack: against moto and the simulator, its alert read back from a queue on the alerts topic. */
@MotoStack
class ScheduledDoctorHandlerIT {

  private PagoEfectivoSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void dailyRun_shouldAlertOnce_whenACheckFails_andStaySilentWhenNoneDoes(AwsTestEnvironment aws) throws Exception {
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.running(Clock.systemUTC())).build());
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("DoctorFunction"));
    env.putAll(aws.stack().clientEnvironment());
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.remove(DoctorTarget.WEBHOOK_URL);
    String queueUrl = aws.clients().sqs().createQueue(q -> q.queueName("doctor-alerts")).queueUrl();
    String queueArn = aws.clients().sqs().getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(queueArn));
    AwsClients clients = AwsClients.fromEnvironment(env);
    ScheduledDoctorHandler handler = new ScheduledDoctorHandler(new Doctor(Clock.systemUTC()),
        () -> DoctorTarget.fromStackEnvironment(env, clients, Optional.empty(), Optional.empty()),
        new SnsAlertPublisher(aws.clients().sns(), aws.ref("AlertsTopic")), "sandbox",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    JsonNode first = run(handler);

    assertThat(first.path("failed").asInt()).as(first.toString()).isEqualTo(1);
    List<Message> alerts = aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
    assertThat(alerts).hasSize(1);
    JsonNode envelope = new ObjectMapper().readTree(alerts.get(0).body());
    assertThat(envelope.path("Subject").asText()).contains("doctor found 1 failing check(s): pipeline");
    assertThat(envelope.path("Message").asText()).contains("FAIL pipeline").contains("MISSING").doesNotContain("SECRETKEYEXAMPLE");
    assertThat(first.path("checks")).extracting(c -> c.path("check").asText() + "=" + c.path("verdict").asText())
        .contains("credentials=PASS", "ip-allowlist=PASS", "webhook-endpoint=WARN", "clock-skew=PASS", "daily-limit=WARN", "pipeline=FAIL");

    JsonNode deadline = run(handler, "statement-deadline");

    assertThat(deadline.path("run").asText()).isEqualTo("statement-deadline");
    assertThat(deadline.path("checks")).extracting(c -> c.path("check").asText() + "=" + c.path("verdict").asText())
        .containsExactly("pipeline=FAIL");
    List<Message> deadlineAlerts = aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10))
        .messages();
    assertThat(deadlineAlerts).singleElement().satisfies(m -> assertThat(new ObjectMapper().readTree(m.body()).path("Message").asText())
        .contains("pagorecon doctor (statement deadline, sandbox)").contains("FAIL pipeline"));

    LocalDate today = io.pagorecon.core.time.BusinessCalendar.lima().businessDate(java.time.Instant.now());
    for (int back = 1; back <= 2; back++) {
      String day = today.minusDays(back).toString().replace('-', '/');
      for (String key : List.of("statements/sandbox/" + day + "/manifest.json", "reports/sandbox/" + day + "/summary.json")) {
        aws.clients().s3().putObject(r -> r.bucket(aws.ref("DataBucket")).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("{}"));
      }
    }
    new io.pagorecon.aws.DynamoDbSyncRuns(aws.clients().dynamoDb(), aws.ref("PaymentsTable"))
        .record(new io.pagorecon.core.sync.SyncRuns.Run(java.time.Instant.now(), 0, 0));
    JsonNode second = run(handler);

    assertThat(second.path("failed").asInt()).as(second.toString()).isZero();
    assertThat(aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages()).isEmpty();
    clients.close();
  }

  @Test
  void badEvent_shouldBeAnsweredWithACode_andRunNothing(AwsTestEnvironment aws) throws Exception {
    ScheduledDoctorHandler handler = new ScheduledDoctorHandler(new Doctor(Clock.systemUTC()), () -> {
      throw new AssertionError("must not run");
    }, alert -> {
      throw new AssertionError("must not alert");
    }, "sandbox", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream("{\"businessDate\":\"2024-01-01\"}".getBytes(StandardCharsets.UTF_8)), out, null);

    assertThat(new ObjectMapper().readTree(out.toByteArray()).path("code").asText()).isEqualTo("INVALID_FIELD");
  }

  private static JsonNode run(ScheduledDoctorHandler handler) throws Exception {
    return run(handler, "schedule");
  }

  private static JsonNode run(ScheduledDoctorHandler handler, String trigger) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(("{\"trigger\":\"" + trigger + "\"}").getBytes(StandardCharsets.UTF_8)), out, null);
    return new ObjectMapper().readTree(out.toByteArray());
  }
}
