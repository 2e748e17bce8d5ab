package io.pagorecon.functions.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.alert.DingTalkDigest;
import io.pagorecon.core.alert.DingTalkSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Posts markdown to a DingTalk custom robot with its signature. DingTalk answers HTTP 200 even
 * when it refuses a message, so {@code errcode != 0} is a failure too.
 */
public final class DingTalkRobot {

  /** Robot credentials, read from Secrets Manager; never logged. */
  public record Credentials(String webhookUrl, String secret) {
    public Credentials {
      Objects.requireNonNull(webhookUrl, "webhookUrl");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Credentials[redacted]";
    }
  }

  /** The robot refused or could not be reached; the caller retries, then dead-letters. */
  public static final class DeliveryException extends Exception {
    public DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;

  public DingTalkRobot(HttpClient http, Clock clock, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  public void send(Credentials credentials, DingTalkDigest.Message message) throws DeliveryException {
    ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
    body.putObject("markdown").put("title", message.title()).put("text", message.markdown());
    String url = DingTalkSigner.signedUrl(credentials.webhookUrl(), clock.millis(), credentials.secret());
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url))
          .timeout(timeout)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new DeliveryException("cannot build the DingTalk request (check the robot URL)", e);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new DeliveryException("DingTalk unreachable: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while calling DingTalk", e);
    }
    if (response.statusCode() != 200) {
      throw new DeliveryException("DingTalk answered HTTP " + response.statusCode(), null);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryException("DingTalk answered something that is not JSON", e);
    }
    int errcode = answer.path("errcode").asInt(-1);
    if (errcode != 0) {
      throw new DeliveryException("DingTalk refused the message: errcode " + errcode + " " + answer.path("errmsg").asText(""), null);
    }
  }
}
