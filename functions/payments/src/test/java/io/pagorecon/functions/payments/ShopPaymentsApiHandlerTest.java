package io.pagorecon.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.order.ShopEvent;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopPaymentsApiHandlerTest {

  static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryPaymentStore store = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final List<ShopEvent> events = new java.util.ArrayList<>();
  private final ShopPaymentsApiHandler handler = new ShopPaymentsApiHandler(
      new OrderPayments(new InMemoryOrderStore(), store, store, new PaymentRecorder(store, Duration.ofMinutes(10)), gateway,
          gateway, events::add, BusinessCalendar.lima(), OrderPayments.Settings.standard()),
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
  void cancel_shouldDeleteTheUnpaidCip_thenGetShowsTheOrderCancelled() throws Exception {
    String cip = JSON.readTree(handler.handleRequest(event("apigw-payments-create.json"), null).getBody()).get("cip").asText();

    APIGatewayV2HTTPResponse cancelled = handler.handleRequest(event("apigw-payments-cancel.json"), null);
    JsonNode status = JSON.readTree(handler.handleRequest(event("apigw-payments-get.json"), null).getBody());

    assertThat(cancelled.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(cancelled.getBody()).get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(JSON.readTree(cancelled.getBody()).at("/deleted/0").asText()).isEqualTo(cip);
    assertThat(gateway.search(List.of(cip)).get(cip)).isInstanceOfSatisfying(io.pagorecon.core.gateway.CipLookup.Found.class,
        f -> assertThat(f.gatewayCip().state()).isEqualTo(io.pagorecon.core.payment.PaymentState.DELETED));
    assertThat(status.get("status").asText()).isEqualTo("cancelled");
    assertThat(status.get("shippable").asBoolean()).isFalse();
    assertThat(status.get("reasons")).isEmpty();
    assertThat(events).extracting(e -> e.type().wireName()).containsExactly("order.cancelled");
  }

  @Test
  void cancel_shouldBe409WithTheReasons_whenTheCipWasPaidMeanwhile() throws Exception {
    String cip = JSON.readTree(handler.handleRequest(event("apigw-payments-create.json"), null).getBody()).get("cip").asText();
    io.pagorecon.core.gateway.GatewayCip g = ((io.pagorecon.core.gateway.CipLookup.Found) gateway.search(List.of(cip)).get(cip)).gatewayCip();
    gateway.put(new io.pagorecon.core.gateway.GatewayCip(cip, io.pagorecon.core.payment.PaymentState.PAID, 23, "Cancelado", g.amount(),
        g.transactionCode(), g.createdAt(), g.expiresAt(), Optional.of(java.time.OffsetDateTime.parse("2024-01-15T10:05:00-05:00")),
        Optional.empty()));

    APIGatewayV2HTTPResponse r = handler.handleRequest(event("apigw-payments-cancel.json"), null);
    JsonNode status = JSON.readTree(handler.handleRequest(event("apigw-payments-get.json"), null).getBody());

    assertThat(r.getStatusCode()).isEqualTo(409);
    JsonNode body = JSON.readTree(r.getBody());
    assertThat(body.get("code").asText()).isEqualTo("ORDER_ALREADY_PAID");
    assertThat(body.at("/paid/0").asText()).isEqualTo(cip);
    assertThat(body.at("/reasons/0").asText()).isEqualTo("PAID_NOT_RECORDED");
    assertThat(status.get("status").asText()).isEqualTo("paid");
    assertThat(status.get("shippable").asBoolean()).isFalse();
    assertThat(status.at("/cips/0/paidAmount").asText()).isEqualTo("160.35");
  }

  @Test
  void cancel_shouldBe404_forAnUnknownOrder() throws Exception {
    APIGatewayV2HTTPResponse r = handler.handleRequest(event("apigw-payments-cancel.json"), null);

    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.getBody()).get("code").asText()).isEqualTo("UNKNOWN_ORDER");
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
