package io.pagorecon.functions.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.ExampleSecrets;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.dingtalk.DingTalkRobotStandIn;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * DingTalkFunction's shaded jar run as Lambda runs it, under the runtime interface client, against
 * moto: an alert published to the alerts topic reaches the DingTalk queue through the template's
 * subscription, the queue's records become the SQS event the runtime's own deserializer reads
 * (SQSEvent, joda-time), the function reads its secret through the jar's Secrets Manager classes
 * and posts to the robot stand-in, which checks {@code timestamp} and {@code sign} as DingTalk does.
 */
@MotoStack
class DingTalkFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("dingtalk",
      "io.pagorecon.functions.dingtalk.AlertQueueDingTalkHandler::handleRequest", Path.of("target", "dingtalk-lambda.jar"), 512);

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldForwardTheQueuedAlertToTheRobot_signed(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    Path log = Path.of("target", "ric-dingtalk.log");
    try (DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("tok", ExampleSecrets.DINGTALK_SECRET, Clock.systemUTC());
        RuntimeApiStandIn api = new RuntimeApiStandIn()) {
      aws.putSecret("DingTalkSecret", ExampleSecrets.dingTalkSecretJson(robot.webhookUrl()));
      aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(aws.stack().arn("DingTalkQueue")));
      aws.clients().sns().publish(p -> p.topicArn(aws.ref("AlertsTopic")).subject("[pagorecon sandbox] 2024-01-15: 1 critical")
          .message("PAID_NOT_RECORDED order A1 CIP 1001 PEN 160.35")
          .messageAttributes(Map.of(
              "severity", MessageAttributeValue.builder().dataType("String").stringValue("CRITICAL").build(),
              "stage", MessageAttributeValue.builder().dataType("String").stringValue("sandbox").build())));
      List<Message> queued = aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.ref("DingTalkQueue")).maxNumberOfMessages(10)
          .waitTimeSeconds(2)).messages();
      assertThat(queued).as("the subscription delivered the alert").hasSize(1);

      try (LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, aws.functionEnvironment("DingTalkFunction"),
          api.address(), log)) {
        JsonNode answer = JSON.readTree(lambda.await(api.invoke("inv-1", sqsEvent(aws, queued)), api));

        assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();
      }
      assertThat(robot.received()).singleElement().satisfies(m -> {
        assertThat(m.title()).contains("2024-01-15");
        assertThat(m.text()).contains("PAID_NOT_RECORDED").contains("1001");
      });
      assertThat(robot.answers()).extracting(DingTalkRobotStandIn.Answer::errcode).containsExactly(0);
    }
    assertThat(Files.readString(log)).doesNotContain(ExampleSecrets.DINGTALK_SECRET).doesNotContain("access_token");
  }

  /** The SQS event Lambda's event source mapping sends for these records. */
  private static String sqsEvent(AwsTestEnvironment aws, List<Message> messages) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.messageId());
      r.put("receiptHandle", m.receiptHandle());
      r.put("body", m.body());
      r.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1705312800000");
      r.putObject("messageAttributes");
      r.put("md5OfBody", m.md5OfBody());
      r.put("eventSource", "aws:sqs");
      r.put("eventSourceARN", aws.stack().arn("DingTalkQueue"));
      r.put("awsRegion", "us-east-1");
    }
    return event.toString();
  }
}
