package io.pagorecon.functions.dingtalk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.DingTalkDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Forwards alerts from the alerts topic (through an SQS queue) to a DingTalk robot. The queue's
 * batching window merges what arrives together into one robot message, which keeps the robot under
 * its limit of 20 messages a minute; a failed post fails the batch, SQS redelivers it, and after
 * the last attempt the redrive policy moves it to the dead-letter queue: never silently lost.
 */
public final class AlertQueueDingTalkHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final DingTalkRobot robot;
  private final Supplier<DingTalkRobot.Credentials> credentials;

  public AlertQueueDingTalkHandler() {
    this(DingTalkWiring.fromEnvironment(System.getenv()));
  }

  private AlertQueueDingTalkHandler(DingTalkWiring wiring) {
    this(wiring.robot(), wiring.credentials());
  }

  /** Wired from {@code env} exactly as the no-arg constructor wires it from the process environment (local hosting). */
  public static AlertQueueDingTalkHandler fromEnvironment(java.util.Map<String, String> env) {
    return new AlertQueueDingTalkHandler(DingTalkWiring.fromEnvironment(env));
  }

  public AlertQueueDingTalkHandler(DingTalkRobot robot, Supplier<DingTalkRobot.Credentials> credentials) {
    this.robot = Objects.requireNonNull(robot, "robot");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<Alert> alerts = new ArrayList<>();
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<String> forwarded = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      Optional<Alert> alert = SnsEnvelope.parse(m.getBody());
      if (alert.isPresent()) {
        alerts.add(alert.get());
        forwarded.add(m.getMessageId());
      } else {
        // Not an SNS alert: keep it for a human, never drop it: it goes to the DLQ after retries.
        log("unreadable_message", m.getMessageId(), null);
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      }
    }
    if (!alerts.isEmpty()) {
      try {
        robot.send(credentials.get(), DingTalkDigest.merge(alerts));
        log("dingtalk_sent", String.valueOf(alerts.size()), null);
      } catch (DingTalkRobot.DeliveryException | RuntimeException e) {
        log("dingtalk_failed", String.valueOf(alerts.size()), e.getMessage());
        forwarded.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
      }
    }
    return new SQSBatchResponse(failures);
  }

  private static void log(String outcome, String subject, String detail) {
    StringBuilder line = new StringBuilder("{\"function\":\"dingtalk\",\"outcome\":\"").append(outcome)
        .append("\",\"subject\":\"").append(subject).append('"');
    if (detail != null) {
      line.append(",\"detail\":\"").append(detail.replace("\\", "\\\\").replace("\"", "'")).append('"');
    }
    System.out.println(line.append('}'));
  }
}
