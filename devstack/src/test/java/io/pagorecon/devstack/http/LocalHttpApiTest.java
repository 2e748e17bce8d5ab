package io.pagorecon.devstack.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalHttpApiTest {

  private final AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalHttpApi api;

  @BeforeEach
  void start() throws Exception {
    LocalHttpApi.Route echo = (event, ctx) -> {
      seen.set(event);
      return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
          .withHeaders(Map.of("content-type", "application/json")).withBody("{\"ok\":true}").build();
    };
    api = LocalHttpApi.builder()
        .route("POST /webhooks/pagoefectivo", echo)
        .route("GET /payments/{orderId}", echo)
        .route("POST /boom", (event, ctx) -> {
          throw new IllegalStateException("handler failed");
        })
        .start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void jsonBodyArrivesAsTextWithLowerCasedHeaders() throws Exception {
    String body = "{\"eventType\":\"cip.paid\",\"data\":{\"cip\":\"123\"}}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/webhooks/pagoefectivo"))
        .header("Content-Type", "application/json").header("PE-Signature", "ABC")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"ok\":true}");
    APIGatewayV2HTTPEvent e = seen.get();
    assertThat(e.getVersion()).isEqualTo("2.0");
    assertThat(e.getRouteKey()).isEqualTo("POST /webhooks/pagoefectivo");
    assertThat(e.getHeaders()).containsEntry("pe-signature", "ABC");
    assertThat(e.getIsBase64Encoded()).isFalse();
    assertThat(e.getBody()).isEqualTo(body);
    assertThat(e.getRequestContext().getRequestId()).isNotBlank();
    assertThat(e.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
  }

  @Test
  void nonUtf8BodyArrivesBase64EncodedWithTheExactBytes() throws Exception {
    byte[] raw = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    http.send(HttpRequest.newBuilder(api.baseUri().resolve("/webhooks/pagoefectivo"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(seen.get().getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(seen.get().getBody())).isEqualTo(raw);
  }

  @Test
  void pathParametersAndQueryStringAreDecoded() throws Exception {
    http.send(HttpRequest.newBuilder(api.baseUri().resolve("/payments/ORD%2D1?verbose=1")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(seen.get().getPathParameters()).containsEntry("orderId", "ORD-1");
    assertThat(seen.get().getQueryStringParameters()).containsEntry("verbose", "1");
  }

  @Test
  void unknownRouteIs404AndAFailingHandlerIs500() throws Exception {
    assertThat(http.send(HttpRequest.newBuilder(api.baseUri().resolve("/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(api.baseUri().resolve("/webhooks/pagoefectivo")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    HttpResponse<String> boom = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/boom"))
        .POST(HttpRequest.BodyPublishers.ofString("x", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(URI.create(api.baseUri().toString()).getHost()).isEqualTo("127.0.0.1");
  }
}
