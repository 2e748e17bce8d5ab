package io.pagorecon.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryOrderStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopPaymentsApiHandlerTest {

  static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryPaymentStore store = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final ShopPaymentsApiHandler handler = new ShopPaymentsApiHandler(
      new OrderPayments(new InMemoryOrderStore(), store, store, new PaymentRecorder(store, Duration.ofMinutes(10)), gateway,
          gateway, e -> { }, BusinessCalendar.lima(), OrderPayments.Settings.standard()),
      Clock.fixed(Instant.parse("2024-01-15T15:00:00Z"), ZoneOffset.UTC), new PrintStream(logs, true, StandardCharsets.UTF_8));

  @Test
  void create_shouldIssueOnceThenReuse_andGetShowsThePendingCip() throws Exception {
    APIGatewayV2HTTPResponse first = handler.handleRequest(event("apigw-payments-create.json"), null);
    APIGatewayV2HTTPResponse second = handler.handleRequest(event("apigw-payments-create.json"), null);
    APIGatewayV2HTTPResponse status = handler.handleRequest(event("apigw-payments-get.json"), null);

    assertThat(first.getStatusCode()).isEqualTo(201);
    JsonNode created = JSON.readTree(first.getBody());
    assertThat(created.get("outcome").asText()).isEqualTo("CREATED");
    assertThat(created.get("expiresAt").asText()).isEqualTo("2024-01-17T10:00:00-05:00");
    assertThat(second.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.getBody()).get("cip").asText()).isEqualTo(created.get("cip").asText());
    assertThat(gateway.creates()).hasSize(1);
    assertThat(gateway.creates().get(0).amount().toPlainString()).isEqualTo("160.35");
    JsonNode body = JSON.readTree(status.getBody());
    assertThat(body.get("status").asText()).isEqualTo("pending");
    assertThat(body.at("/cips/0/cip").asText()).isEqualTo(created.get("cip").asText());
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("shopper@example.com");
  }

  @Test
  void invalidTwins_shouldBe400WithStableCodes() throws Exception {
    APIGatewayV2HTTPResponse create = handler.handleRequest(event("apigw-payments-create-invalid.json"), null);
    APIGatewayV2HTTPResponse get = handler.handleRequest(event("apigw-payments-get-invalid.json"), null);

    assertThat(create.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(create.getBody()).get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(get.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(get.getBody()).get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(gateway.creates()).isEmpty();
  }

  @Test
  void create_shouldAnswer504WithStableCode_whenTheOutcomeIsUnknown() throws Exception {
    gateway.failNextCreate(new GatewayException(GatewayException.Kind.OUTCOME_UNKNOWN, null, 0, List.of(), "read timed out", null));

    APIGatewayV2HTTPResponse r = handler.handleRequest(event("apigw-payments-create.json"), null);
    APIGatewayV2HTTPResponse retry = handler.handleRequest(event("apigw-payments-create.json"), null);

    assertThat(r.getStatusCode()).isEqualTo(504);
    assertThat(JSON.readTree(r.getBody()).get("code").asText()).isEqualTo("GATEWAY_OUTCOME_UNKNOWN");
    assertThat(JSON.readTree(r.getBody()).get("message").asText()).doesNotContain("read timed out");
    assertThat(retry.getStatusCode()).isEqualTo(409);
    assertThat(gateway.creates()).hasSize(1);
  }

  @Test
  void get_shouldBe404_forAnUnknownOrder() throws Exception {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event("apigw-payments-get.json"), null);

    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.getBody()).get("code").asText()).isEqualTo("UNKNOWN_ORDER");
  }

  private APIGatewayV2HTTPEvent event(String file) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/events/" + file)) {
      return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader()).fromJson(in);
    }
  }
}
