package io.pagorecon.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.StatementAlerts;
import io.pagorecon.core.sync.RecoveryNotices;
import io.pagorecon.core.time.Timestamps;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * {@link RecoveryNotices} and {@link StatementAlerts} on the alerts topic. The message is JSON with
 * a {@code type} ({@code payment.recovered}, {@code statement.failed}), also set as the {@code
 * type} message attribute so subscribers can filter. CIPs, order ids and amounts only: no payer data.
 */
public final class SnsPaymentNotices implements RecoveryNotices, StatementAlerts {

  public static final String RECOVERED = "payment.recovered";
  public static final String STATEMENT_FAILED = "statement.failed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnsClient sns;
  private final String topicArn;
  private final String stage;

  public SnsPaymentNotices(SnsClient sns, String topicArn, String stage) {
    this.sns = Objects.requireNonNull(sns, "sns");
    this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  @Override
  public void recovered(RecoveredPayment p) {
    ObjectNode m = JSON.createObjectNode();
    m.put("type", RECOVERED);
    m.put("stage", stage);
    m.put("cip", p.cip());
    p.orderId().ifPresent(o -> m.put("orderId", o));
    m.put("from", p.from().name());
    m.put("state", p.to().name());
    p.amount().ifPresent(a -> {
      m.put("amount", a.toPlainString());
      m.put("currency", a.currency().name());
    });
    p.paidAt().ifPresent(t -> m.put("paidAt", Timestamps.format(t)));
    publish(RECOVERED, "high", "pagorecon " + stage + ": CIP " + p.cip() + " recovered as " + p.to(), m);
  }

  @Override
  public void statementFailed(LocalDate businessDate, String reason, List<String> failedCips) {
    ObjectNode m = JSON.createObjectNode();
    m.put("type", STATEMENT_FAILED);
    m.put("stage", stage);
    m.put("businessDate", businessDate.toString());
    m.put("reason", reason);
    ArrayNode cips = m.putArray("failedCips");
    failedCips.stream().limit(200).forEach(cips::add);
    m.put("failedCount", failedCips.size());
    publish(STATEMENT_FAILED, "critical", "pagorecon " + stage + ": no statement for " + businessDate, m);
  }

  /**
   * {@code type} lets the shop subscribe to recovered payments only; {@code severity} and {@code
   * stage} are the attributes every alert carries (email and DingTalk subscriptions filter on them).
   */
  private void publish(String type, String severity, String subject, ObjectNode message) {
    try {
      sns.publish(p -> p.topicArn(topicArn).subject(subject).message(message.toString())
          .messageAttributes(Map.of(
              "type", attribute(type),
              "severity", attribute(severity),
              "stage", attribute(stage))));
    } catch (SdkException e) {
      throw new StorageException("alerts topic: publishing " + type + " failed", e);
    }
  }


  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
