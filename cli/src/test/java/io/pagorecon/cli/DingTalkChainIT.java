package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.ExampleSecrets;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.dingtalk.DingTalkRobotStandIn;
import io.pagorecon.devstack.triggers.LocalDispatcher;
import io.pagorecon.devstack.triggers.TemplateTriggers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The alert path as the template wires it, in moto: the alerts topic, the template's subscription
 * to the DingTalk queue, the queue's event source (batch size, partial batch failures) driving
 * the real DingTalkFunction, which signs and posts to the robot stand-in; the stand-in checks the
 * signature as DingTalk does. When the robot keeps refusing, the queue's redrive policy ends the
 * message in the dead-letter queue after the configured receives.
 */
@MotoStack
class DingTalkChainIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SUBJECT = "[pagorecon sandbox] 2024-01-15: 1 critical";

  @Test
  void alert_shouldReachTheRobotSigned_throughTopicQueueAndFunction(AwsTestEnvironment aws) throws Exception {
    try (DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("it", ExampleSecrets.DINGTALK_SECRET, Clock.systemUTC())) {
      LocalDispatcher dispatcher = wire(aws, robot);

      publish(aws);
      List<LocalDispatcher.Invocation> calls = dispatcher.drain();

      assertThat(calls).singleElement().satisfies(call -> {
        assertThat(call.function()).isEqualTo("DingTalkFunction");
        assertThat(JSON.readTree(call.event()).path("Records").get(0).path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(JSON.readTree(call.answer()).path("batchItemFailures")).isEmpty();
      });
      assertThat(robot.answers()).extracting(DingTalkRobotStandIn.Answer::errcode).containsExactly(0);
      assertThat(robot.received()).singleElement().satisfies(m -> {
        assertThat(m.msgtype()).isEqualTo("markdown");
        assertThat(m.title() + m.text()).contains("PAID_NOT_RECORDED");
      });
      assertThat(visible(aws, "DingTalkQueue") + visible(aws, "DingTalkDeadLetterQueue")).isZero();
    }
  }

  @Test
  void alert_shouldEndInTheDeadLetterQueue_afterTheConfiguredReceives_whenTheRobotAnswersAnErrcode(AwsTestEnvironment aws)
      throws Exception {
    try (DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("it", ExampleSecrets.DINGTALK_SECRET, Clock.systemUTC())) {
      LocalDispatcher dispatcher = wire(aws, robot);
      robot.refuseNext(Integer.MAX_VALUE, 410100, "发送速度太快而限流");
      String redrive = aws.clients().sqs().getQueueAttributes(g -> g.queueUrl(aws.ref("DingTalkQueue"))
          .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
      int maxReceiveCount = JSON.readTree(redrive).path("maxReceiveCount").asInt();

      publish(aws);
      List<LocalDispatcher.Invocation> calls = dispatcher.drain();

      assertThat(maxReceiveCount).isGreaterThan(1);
      assertThat(calls).hasSize(maxReceiveCount).allSatisfy(call ->
          assertThat(JSON.readTree(call.answer()).path("batchItemFailures")).hasSize(1));
      assertThat(robot.answers()).hasSize(maxReceiveCount).allSatisfy(a -> assertThat(a.errcode()).isEqualTo(410100));
      assertThat(robot.received()).isEmpty();
      assertThat(visible(aws, "DingTalkQueue")).isZero();
      List<Message> dead = aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.ref("DingTalkDeadLetterQueue"))
          .maxNumberOfMessages(10)).messages();
      assertThat(dead).singleElement().satisfies(m -> {
        JsonNode envelope = JSON.readTree(m.body());
        assertThat(envelope.path("Subject").asText()).isEqualTo(SUBJECT);
      });
    }
  }

  private static LocalDispatcher wire(AwsTestEnvironment aws, DingTalkRobotStandIn robot) {
    aws.putSecret("DingTalkSecret", ExampleSecrets.dingTalkSecretJson(robot.webhookUrl()));
    TemplateTriggers triggers = TemplateTriggers.realise(aws.stack(), aws.clients());
    LocalFunctions.Invocation dingTalk = LocalFunctions.invocation("DingTalkFunction",
        aws.functionEnvironment("DingTalkFunction"), Clock.systemUTC()).orElseThrow();
    return new LocalDispatcher(triggers, Map.of("DingTalkFunction", dingTalk::invoke));
  }

  /** An alert as ReconcileFunction publishes it: subject, text, severity and stage attributes. */
  private static void publish(AwsTestEnvironment aws) {
    aws.clients().sns().publish(p -> p.topicArn(aws.ref("AlertsTopic")).subject(SUBJECT)
        .message("PAID_NOT_RECORDED order A-1001 CIP 11546901 PEN 160.35")
        .messageAttributes(Map.of(
            "severity", MessageAttributeValue.builder().dataType("String").stringValue("CRITICAL").build(),
            "stage", MessageAttributeValue.builder().dataType("String").stringValue("sandbox").build())));
  }

  private static int visible(AwsTestEnvironment aws, String queue) {
    return Integer.parseInt(aws.clients().sqs().getQueueAttributes(g -> g.queueUrl(aws.ref(queue))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }
}
