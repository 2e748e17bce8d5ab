package io.pagorecon.functions.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * End to end through moto: an alert published to the alerts topic reaches the DingTalk queue
 * (the template's subscription); the robot fails (unreachable, or errcode ≠ 0); the handler
 * reports the batch item failed, SQS redelivers it, and after the template's maxReceiveCount the
 * redrive policy moves it to the dead-letter queue, where it waits (the alarm's metric): never
 * silently lost. Lambda's event source mapping is played by this test: receive, invoke, delete
 * what succeeded, make the failures visible again at once.
 */
@MotoStack
class DingTalkDeadLetterIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "SEC000000000000000000000000000000000000000000000000000000000000000";

  @ParameterizedTest(name = "robot {0}")
  @ValueSource(strings = {"errcode", "unreachable"})
  void alert_shouldBeRetriedThenDeadLettered_whenTheRobotKeepsFailing(String failure, AwsTestEnvironment aws) throws Exception {
    AtomicInteger posts = new AtomicInteger();
    HttpServer robot = LoopbackHttpServer.create(0, 0);
    robot.createContext("/robot/send", exchange -> {
      posts.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] reply = "{\"errcode\":130101,\"errmsg\":\"send too fast\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    robot.start();
    PrintStream stdout = System.out;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    try {
      String url = failure.equals("unreachable") ? "http://127.0.0.1:1/robot/send?access_token=tok"
          : "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=tok";
      AlertQueueDingTalkHandler handler = new AlertQueueDingTalkHandler(
          new DingTalkRobot(HttpClient.newHttpClient(), Clock.systemUTC(), Duration.ofSeconds(2)),
          () -> new DingTalkRobot.Credentials(url, SECRET));
      String queueUrl = aws.ref("DingTalkQueue");
      String deadLetterUrl = aws.ref("DingTalkDeadLetterQueue");
      int maxReceiveCount = Integer.parseInt(String.valueOf(
          JSON.readTree(aws.clients().sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
              .attributes().get(QueueAttributeName.REDRIVE_POLICY)).path("maxReceiveCount").asText()));

      // The template's DingTalkSubscription (topic -> queue); the local provisioner creates topics and queues only.
      aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(aws.stack().arn("DingTalkQueue")));

      String body = "PAID_NOT_RECORDED order A1 CIP 1001 PEN 160.35 (customer maria.quispe@example.pe)";
      aws.clients().sns().publish(p -> p.topicArn(aws.ref("AlertsTopic")).subject("pagorecon: 1 critical").message(body)
          .messageAttributes(Map.of(
              "severity", MessageAttributeValue.builder().dataType("String").stringValue("CRITICAL").build(),
              "stage", MessageAttributeValue.builder().dataType("String").stringValue("sandbox").build())));

      System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
      int invocations = 0;
      for (int round = 0; round < maxReceiveCount + 3; round++) {
        List<Message> messages = aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
            .visibilityTimeout(30)).messages();
        if (messages.isEmpty()) {
          continue;
        }
        invocations++;
        SQSBatchResponse response = handler.handleRequest(toEvent(messages), null);
        Set<String> failed = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .collect(Collectors.toSet());
        for (Message m : messages) {
          if (failed.contains(m.messageId())) {
            aws.clients().sqs().changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
          } else {
            aws.clients().sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
          }
        }
      }
      System.setOut(stdout);

      assertThat(invocations).as("delivered maxReceiveCount times, each failed").isEqualTo(maxReceiveCount);
      if (failure.equals("errcode")) {
        assertThat(posts.get()).as("each delivery tried the robot").isEqualTo(maxReceiveCount);
      }
      List<Message> dead = aws.clients().sqs().receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
          .messages();
      assertThat(dead).hasSize(1);
      JsonNode envelope = JSON.readTree(dead.get(0).body());
      assertThat(envelope.path("Message").asText()).isEqualTo(body);
      assertThat(aws.clients().sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(0)).messages()).isEmpty();
      String log = logs.toString(StandardCharsets.UTF_8);
      assertThat(log).contains("dingtalk_failed").doesNotContain(SECRET).doesNotContain("@example.pe").doesNotContain("access_token");
    } finally {
      System.setOut(stdout);
      robot.stop(0);
    }
  }

  private static SQSEvent toEvent(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : messages) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(m.messageId());
      r.setReceiptHandle(m.receiptHandle());
      r.setBody(m.body());
      r.setEventSource("aws:sqs");
      records.add(r);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }
}
