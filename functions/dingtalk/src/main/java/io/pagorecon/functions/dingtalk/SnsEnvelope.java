package io.pagorecon.functions.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.alert.Alert;
import java.io.IOException;
import java.util.Optional;

/** Reads the SNS notification envelope that SNS wraps around a message delivered to SQS. */
final class SnsEnvelope {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SnsEnvelope() {}

  /** The alert inside an SQS body; empty when the body is not an SNS notification. */
  static Optional<Alert> parse(String sqsBody) {
    try {
      JsonNode n = JSON.readTree(sqsBody);
      if (n == null || !"Notification".equals(n.path("Type").asText()) || !n.path("Message").isTextual()) {
        return Optional.empty();
      }
      JsonNode attrs = n.path("MessageAttributes");
      return Optional.of(new Alert(
          n.path("Subject").asText("pagorecon"),
          n.path("Message").asText(),
          Alert.Severity.parse(attrs.path("severity").path("Value").asText(null)),
          attrs.path("stage").path("Value").asText("unknown")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
