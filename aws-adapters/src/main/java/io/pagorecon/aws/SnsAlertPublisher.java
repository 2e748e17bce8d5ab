package io.pagorecon.aws;

import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.AlertPublisher;
import io.pagorecon.core.payment.StorageException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * {@link AlertPublisher} on the alerts topic: the subject and body as the email shows them, and the
 * message attributes {@code severity} ({@code critical}, {@code high}, {@code medium}, {@code low},
 * {@code info}) and {@code stage} that subscription filter policies and DingTalkFunction read.
 */
public final class SnsAlertPublisher implements AlertPublisher {

  private final SnsClient sns;
  private final String topicArn;

  public SnsAlertPublisher(SnsClient sns, String topicArn) {
    this.sns = Objects.requireNonNull(sns, "sns");
    this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
  }

  @Override
  public void publish(Alert alert) {
    try {
      sns.publish(request(alert));
    } catch (SdkException e) {
      throw new StorageException("alerts topic: publishing failed", e);
    }
  }

  PublishRequest request(Alert alert) {
    return PublishRequest.builder()
        .topicArn(topicArn)
        .subject(alert.subject())
        .message(alert.body())
        .messageAttributes(Map.of(
            "severity", attribute(alert.severity().name().toLowerCase(Locale.ROOT)),
            "stage", attribute(alert.stage())))
        .build();
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
