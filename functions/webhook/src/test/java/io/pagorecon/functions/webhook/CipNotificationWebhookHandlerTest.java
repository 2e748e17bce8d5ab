package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every file in events/ through the handler: status, stable code, and what was (not) stored. */
class CipNotificationWebhookHandlerTest {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final String SANDBOX_SECRET = "SANDBOXKEYEXAMPLE";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T15:36:00Z"), ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryPaymentStore store = new InMemoryPaymentStore();
  final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  CipNotificationWebhookHandler handler(Stage stage) {
    WebhookIngest ingest = new WebhookIngest(stage, () -> new SigningKeys(SECRET, Optional.of(SANDBOX_SECRET)), evidence, store,
        new PaymentRecorder(store, Duration.ofMinutes(15)), BusinessCalendar.lima());
    return new CipNotificationWebhookHandler(ingest, stage, CLOCK, new PrintStream(logs, true, StandardCharsets.UTF_8), () -> {});
  }

  static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @ParameterizedTest(name = "{0} on {1} -> {2} {3}")
  @CsvSource({
      "apigw-cip-paid.json,                     sandbox,    200, ACCEPTED, 11546901, PAID",
      "apigw-cip-paid-minimal.json,             sandbox,    200, ACCEPTED, 11546902, PAID",
      "apigw-cip-paid-cip-number.json,          sandbox,    200, ACCEPTED, 11546903, PAID",
      "apigw-cip-paid-amount-string.json,       sandbox,    200, ACCEPTED, 11546904, PAID",
      "apigw-cip-paid-base64.json,              sandbox,    200, ACCEPTED, 11546901, PAID",
      "apigw-cip-paid-uppercase-signature.json, sandbox,    200, ACCEPTED, 11546901, PAID",
      "apigw-cip-paid.json,                     production, 200, ACCEPTED, 11546901, PAID",
      "apigw-cip-expired.json,                  sandbox,    200, ACCEPTED, 11546905, EXPIRED",
      "apigw-cip-refunded.json,                 sandbox,    200, ACCEPTED, 11546901, REFUNDED",
      "apigw-unknown-event.json,                sandbox,    200, STALE,    11546906, UNKNOWN",
  })
  void handle_shouldRecord_whenEventIsValid(String file, String stage, int status, String code, String cip, PaymentState state)
      throws Exception {
    APIGatewayV2HTTPEvent event = Events.load(file);

    APIGatewayV2HTTPResponse response = handler(Stage.parse(stage).orElseThrow()).handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(body(response).get("code").asText()).isEqualTo(code);
    assertThat(body(response).get("requestId").asText()).isEqualTo(event.getRequestContext().getRequestId());
    assertThat(store.find(cip).orElseThrow().state()).isEqualTo(state);
    assertThat(store.facts()).hasSize(1);
    assertThat(evidence.objects().keySet()).singleElement().asString().startsWith("evidence/" + stage + "/batches/").contains(".jsonl.gz#" + cip + "/");
  }

  @ParameterizedTest(name = "{0} on {1} -> {2} {3}")
  @CsvSource({
      "apigw-cip-paid-bad-signature.json,       sandbox,    401, INVALID_SIGNATURE",
      "apigw-cip-paid-missing-signature.json,   sandbox,    401, MISSING_SIGNATURE",
      "apigw-cip-paid-tampered-body.json,       sandbox,    401, INVALID_SIGNATURE",
      "apigw-cip-paid-sandbox-signature.json,   production, 401, SANDBOX_SIGNATURE",
      "apigw-cip-paid-sandbox-signature.json,   sandbox,    401, INVALID_SIGNATURE",
      "apigw-malformed-json.json,               sandbox,    400, MALFORMED_JSON",
      "apigw-invalid-amount.json,               sandbox,    400, INVALID_AMOUNT",
      "apigw-oversize.json,                     sandbox,    413, PAYLOAD_TOO_LARGE",
  })
  void handle_shouldRejectAndStoreNothing_whenEventIsInvalid(String file, String stage, int status, String code) throws Exception {
    APIGatewayV2HTTPEvent event = Events.load(file);

    APIGatewayV2HTTPResponse response = handler(Stage.parse(stage).orElseThrow()).handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(status);
    JsonNode body = body(response);
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("requestId").asText()).isEqualTo(event.getRequestContext().getRequestId());
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(store.facts()).isEmpty();
    assertThat(store.stateWrites()).isEmpty();
    assertThat(evidence.objects().keySet()).noneMatch(k -> k.startsWith("evidence/"));
  }

  @Test
  void handle_shouldVerifyDecodedBytes_whenBodyIsBase64Encoded() {
    APIGatewayV2HTTPEvent plain = Events.load("apigw-cip-paid.json");
    APIGatewayV2HTTPEvent encoded = Events.load("apigw-cip-paid-base64.json");
    assertThat(encoded.getIsBase64Encoded()).isTrue();
    assertThat(encoded.getBody()).isNotEqualTo(plain.getBody());

    handler(Stage.SANDBOX).handleRequest(encoded, null);

    byte[] stored = evidence.objects().values().iterator().next().body();
    assertThat(stored).isEqualTo(plain.getBody().getBytes(StandardCharsets.UTF_8));
    assertThat(store.find("11546901").orElseThrow().amount().orElseThrow().amount()).isEqualByComparingTo(new BigDecimal("22.05"));
  }

  @Test
  void handle_shouldAnswer200Duplicate_whenDeliveredAgain() throws Exception {
    CipNotificationWebhookHandler handler = handler(Stage.SANDBOX);
    handler.handleRequest(Events.load("apigw-cip-paid.json"), null);

    APIGatewayV2HTTPResponse again = handler.handleRequest(Events.load("apigw-cip-paid-uppercase-signature.json"), null);

    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(body(again).get("code").asText()).isEqualTo("DUPLICATE");
    assertThat(store.stateWrites()).hasSize(1);
  }

  @Test
  void handle_shouldAnswer503ThenAccept_whenStorageFailsOnce() throws Exception {
    CipNotificationWebhookHandler handler = handler(Stage.SANDBOX);
    store.failNextWrites(1);

    APIGatewayV2HTTPResponse first = handler.handleRequest(Events.load("apigw-cip-paid.json"), null);
    APIGatewayV2HTTPResponse retry = handler.handleRequest(Events.load("apigw-cip-paid.json"), null);

    assertThat(first.getStatusCode()).isEqualTo(503);
    assertThat(body(first).get("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(first.getBody()).doesNotContain("injected");
    assertThat(retry.getStatusCode()).isEqualTo(200);
    assertThat(store.find("11546901").orElseThrow().state()).isEqualTo(PaymentState.PAID);
  }

  @Test
  void handle_shouldAnswer405_whenMethodIsNotPost() throws Exception {
    APIGatewayV2HTTPEvent event = Events.load("apigw-cip-paid.json");
    event.getRequestContext().getHttp().setMethod("GET");

    APIGatewayV2HTTPResponse response = handler(Stage.SANDBOX).handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(body(response).get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(store.facts()).isEmpty();
  }

  @Test
  void handle_shouldLogOneJsonLinePerOutcome_withRequestIdAndWithoutSecretsOrBodies() throws Exception {
    CipNotificationWebhookHandler handler = handler(Stage.PRODUCTION);
    handler.handleRequest(Events.load("apigw-cip-paid.json"), null);
    handler.handleRequest(Events.load("apigw-cip-paid-sandbox-signature.json"), null);

    String[] lines = logs.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode accepted = JSON.readTree(lines[0]);
    assertThat(accepted.get("requestId").asText()).isEqualTo("req-cip-paid");
    assertThat(accepted.get("outcome").asText()).isEqualTo("ACCEPTED");
    assertThat(accepted.get("cip").asText()).isEqualTo("11546901");
    assertThat(accepted.get("to").asText()).isEqualTo("PAID");
    assertThat(accepted.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Name").asText()).isEqualTo("notifications");
    JsonNode sandbox = JSON.readTree(lines[1]);
    assertThat(sandbox.get("event").asText()).isEqualTo("sandbox_notification");
    assertThat(sandbox.get("outcome").asText()).isEqualTo("SANDBOX_SIGNATURE");
    String all = logs.toString(StandardCharsets.UTF_8);
    assertThat(all).doesNotContain(SECRET).doesNotContain(SANDBOX_SECRET).doesNotContain("ORD-1001").doesNotContain("22.05")
        .doesNotContain("07eeb290af1ab6d8");
  }
}
