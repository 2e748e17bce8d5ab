package io.pagorecon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Smoke paths of a deployed stack that need no secret and book nothing: the API is reachable, the
 * real WebhookFunction answers, and it refuses what it must refuse with its stable error codes.
 */
class WebhookSmokeE2ET {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1\",\"data\":{\"cip\":\"1\","
      + "\"currency\":\"PEN\",\"amount\":1.00,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"E2E-SMOKE\"}}";

  private URI webhook;

  @BeforeEach
  void stack() {
    webhook = DeployedStack.webhookUrl(System.getenv());
  }

  @Test
  void webhook_shouldAnswer401InvalidSignature_whenTheSignatureIsWrong() throws Exception {
    HttpResponse<String> response = post(HttpRequest.newBuilder(webhook)
        .header("content-type", "application/json")
        .header("pe-signature", "0".repeat(64)));

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("code").asText()).isEqualTo("INVALID_SIGNATURE");
    assertThat(body.path("requestId").asText()).isNotBlank();
  }

  @Test
  void webhook_shouldAnswer401MissingSignature_whenTheHeaderIsAbsent() throws Exception {
    HttpResponse<String> response = post(HttpRequest.newBuilder(webhook).header("content-type", "application/json"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("MISSING_SIGNATURE");
  }

  private static HttpResponse<String> post(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
