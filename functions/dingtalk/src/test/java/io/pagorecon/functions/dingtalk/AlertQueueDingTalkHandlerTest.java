package io.pagorecon.functions.dingtalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.core.alert.DingTalkSigner;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local stand-in of the DingTalk robot that checks the signature like DingTalk does. */
class AlertQueueDingTalkHandlerTest {

  private static final String SECRET = "SEC0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:00:00Z"), ZoneOffset.UTC);

  private HttpServer robot;
  private final List<JsonNode> received = new ArrayList<>();
  private final AtomicReference<String> answer = new AtomicReference<>("{\"errcode\":0,\"errmsg\":\"ok\"}");
  private AlertQueueDingTalkHandler handler;

  @BeforeEach
  void startRobot() throws Exception {
    robot = LoopbackHttpServer.create(0, 0);
    robot.createContext("/robot/send", exchange -> {
      Map<String, String> query = new HashMap<>();
      for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
      long timestamp = Long.parseLong(query.get("timestamp"));
      boolean signed = DingTalkSigner.signature(timestamp, SECRET).equals(query.get("sign"))
          && "tok".equals(query.get("access_token"));
      byte[] reply = (signed ? answer.get() : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}").getBytes(StandardCharsets.UTF_8);
      if (signed) {
        synchronized (received) {
          received.add(JSON.readTree(exchange.getRequestBody()));
        }
      }
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    robot.start();
    String url = "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=tok";
    handler = handlerWith(url, SECRET);
  }

  private AlertQueueDingTalkHandler handlerWith(String url, String secret) {
    DingTalkRobot client = new DingTalkRobot(HttpClient.newHttpClient(), CLOCK, Duration.ofSeconds(2));
    return new AlertQueueDingTalkHandler(client, () -> new DingTalkRobot.Credentials(url, secret));
  }

  @AfterEach
  void stopRobot() {
    robot.stop(0);
  }

  @Test
  void mergesABatchIntoOneSignedMarkdownMessage() {
    SQSBatchResponse response = handler.handleRequest(batch(
        envelope("对账：发现 3 个严重差异", "**PAID_NOT_RECORDED**: 2", "CRITICAL"),
        envelope("对账：日报", "一切正常", "INFO")), null);

    assertEquals(List.of(), response.getBatchItemFailures());
    assertEquals(1, received.size(), "one robot message for the whole batch");
    JsonNode msg = received.get(0);
    assertEquals("markdown", msg.path("msgtype").asText());
    String text = msg.path("markdown").path("text").asText();
    assertTrue(text.contains("**PAID_NOT_RECORDED**: 2"), text);
    assertTrue(text.indexOf("严重差异") < text.indexOf("日报"), "most severe first: " + text);
    assertTrue(msg.path("markdown").path("title").asText().startsWith("对账：发现 3 个严重差异"));
  }

  @Test
  void errcodeNotZeroFailsEveryForwardedMessageSoSqsRetriesThenDeadLetters() {
    answer.set("{\"errcode\":130101,\"errmsg\":\"send too fast\"}");
    SQSBatchResponse response = handler.handleRequest(batch(envelope("a", "b", "HIGH"), envelope("c", "d", "LOW")), null);
    assertEquals(List.of("m0", "m1"), response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
  }

  @Test
  void aWrongSecretIsRefusedByTheRobotAndReportedAsFailure() {
    String url = "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=tok";
    SQSBatchResponse response = handlerWith(url, "SECwrong").handleRequest(batch(envelope("a", "b", "HIGH")), null);
    assertEquals(1, response.getBatchItemFailures().size());
    assertEquals(0, received.size());
  }

  @Test
  void unreachableRobotFailsTheBatch() {
    SQSBatchResponse response = handlerWith("http://127.0.0.1:1/robot/send?access_token=tok", SECRET)
        .handleRequest(batch(envelope("a", "b", "HIGH")), null);
    assertEquals(1, response.getBatchItemFailures().size());
  }

  @Test
  void aMessageThatIsNotAnSnsAlertIsNeverDroppedSilently() {
    SQSBatchResponse response = handler.handleRequest(batch("not json", envelope("a", "b", "HIGH")), null);
    assertEquals(List.of("m0"), response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    assertEquals(1, received.size(), "the readable alert still goes out");
  }

  private static String envelope(String subject, String message, String severity) {
    return JSON.createObjectNode()
        .put("Type", "Notification")
        .put("Subject", subject)
        .put("Message", message)
        .set("MessageAttributes", JSON.createObjectNode()
            .set("severity", JSON.createObjectNode().put("Type", "String").put("Value", severity)))
        .toString();
  }

  private static SQSEvent batch(String... bodies) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("m" + i);
      m.setBody(bodies[i]);
      records.add(m);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }
}
