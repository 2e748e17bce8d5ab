package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.webhook.Signatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServeCommandIT {

  static final String BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\","
      + "\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}";

  /** Under target/, not a temporary directory: .ci/scan-test-logs reads the logs written here. */
  Path dir;

  @BeforeEach
  void outputDirectory() throws java.io.IOException {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "serve-it-");
  }

  @Test
  void serve_shouldAnswerTheWebhookRouteThroughTheRealHandler_whenSignedWithTheExampleSecret() {
    Cli cli = new Cli();
    List<Integer> statuses = new ArrayList<>();

    int code = ServeCommandTest.run(cli, api -> {
      String url = api.baseUri() + "/webhooks/pagoefectivo";
      statuses.add(post(url, BODY, Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", BODY.getBytes(StandardCharsets.UTF_8))));
      statuses.add(post(url, BODY, Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", BODY.getBytes(StandardCharsets.UTF_8)).toUpperCase()));
      statuses.add(post(url, BODY, "00" + Signatures.hmacSha256Hex("WRONG", BODY.getBytes(StandardCharsets.UTF_8)).substring(2)));
      statuses.add(post(api.baseUri() + "/nothing-here", BODY, "x"));
    }, "serve", "--port", "0", "--logs", dir.toString());

    assertThat(code).as(cli.err()).isZero();
    assertThat(statuses).containsExactly(200, 200, 401, 404);
    assertThat(cli.out()).contains("POST /webhooks/pagoefectivo → WebhookFunction").contains("openssl dgst -sha256 -hmac SECRETKEYEXAMPLE");
  }

  static int post(String url, String body, String signature) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
          .header("pe-signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
