package io.pagorecon.devstack.dingtalk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk custom robot on 127.0.0.1, checking what DingTalk checks: the {@code access_token},
 * a {@code timestamp} (milliseconds) within one hour of its clock, and {@code sign} = URL-encoded
 * Base64 of HMAC-SHA256 over {@code timestamp + "\n" + secret} keyed with the secret, compared in
 * constant time; at most 20 messages in any minute. Like DingTalk it always answers HTTP 200 with
 * {@code {"errcode":...,"errmsg":...}}: 0 when the message is taken, 310000 for a bad signature or
 * timestamp, 300001 for an unknown token, 130101 when sending too fast, 40035 for a body that is
 * not a message. It records every message it took, and can be told to refuse the next ones.
 */
public final class DingTalkRobotStandIn implements AutoCloseable {

  /** A message the robot took: its type, title and text (markdown or text messages). */
  public record Received(Instant at, String msgtype, String title, String text) {}

  /** A request the robot answered, taken or not. */
  public record Answer(int errcode, String errmsg) {}

  static final int MESSAGES_PER_MINUTE = 20;
  private static final Duration TIMESTAMP_TOLERANCE = Duration.ofHours(1);

  private final HttpServer server;
  private final String accessToken;
  private final byte[] secret;
  private final Clock clock;
  private final List<Received> received = new ArrayList<>();
  private final List<Answer> answers = new ArrayList<>();
  private final Deque<Instant> lastMinute = new ArrayDeque<>();
  private int refuseNext;
  private Answer refusal;

  private DingTalkRobotStandIn(HttpServer server, String accessToken, String secret, Clock clock) {
    this.server = server;
    this.accessToken = accessToken;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** Starts on a free loopback port. */
  public static DingTalkRobotStandIn start(String accessToken, String secret, Clock clock) throws IOException {
    HttpServer server = LoopbackHttpServer.create(0, 0);
    DingTalkRobotStandIn robot = new DingTalkRobotStandIn(server, Objects.requireNonNull(accessToken),
        Objects.requireNonNull(secret), Objects.requireNonNull(clock));
    server.createContext("/robot/send", robot::handle);
    server.start();
    return robot;
  }

  /** The robot's webhook URL as DingTalk shows it (the function adds {@code timestamp} and {@code sign}). */
  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=" + accessToken;
  }

  /** The next {@code count} well-signed messages are refused with this errcode (a fault for tests and the demo). */
  public synchronized void refuseNext(int count, int errcode, String errmsg) {
    refuseNext = count;
    refusal = new Answer(errcode, errmsg);
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Every answer given, in order. */
  public synchronized List<Answer> answers() {
    return List.copyOf(answers);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Answer answer = "POST".equals(exchange.getRequestMethod())
          ? take(query(exchange.getRequestURI().getRawQuery()), body)
          : new Answer(43002, "需要POST请求");
      byte[] out = ("{\"errcode\":" + answer.errcode() + ",\"errmsg\":\"" + answer.errmsg() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private synchronized Answer take(Map<String, String> query, byte[] body) {
    Answer answer = judge(query, body);
    answers.add(answer);
    return answer;
  }

  private Answer judge(Map<String, String> query, byte[] body) {
    if (!accessToken.equals(query.get("access_token"))) {
      return new Answer(300001, "token is not exist");
    }
    Instant now = clock.instant();
    long timestamp;
    try {
      timestamp = Long.parseLong(query.getOrDefault("timestamp", ""));
    } catch (NumberFormatException e) {
      return new Answer(310000, "invalid timestamp");
    }
    if (Duration.between(Instant.ofEpochMilli(timestamp), now).abs().compareTo(TIMESTAMP_TOLERANCE) > 0) {
      return new Answer(310000, "invalid timestamp");
    }
    String sign = query.get("sign");
    if (sign == null || !MessageDigest.isEqual(expectedSign(timestamp), sign.getBytes(StandardCharsets.UTF_8))) {
      return new Answer(310000, "sign not match");
    }
    while (!lastMinute.isEmpty() && lastMinute.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
      lastMinute.removeFirst();
    }
    if (lastMinute.size() >= MESSAGES_PER_MINUTE) {
      return new Answer(130101, "send too fast, exceed 20 times per minute");
    }
    if (refuseNext > 0) {
      refuseNext--;
      return refusal;
    }
    Received message = parse(now, body);
    if (message == null) {
      return new Answer(40035, "缺少参数 json");
    }
    lastMinute.addLast(now);
    received.add(message);
    return new Answer(0, "ok");
  }

  /** What DingTalk computes: Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), already URL-decoded. */
  private byte[] expectedSign(long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] toSign = (timestamp + "\n" + new String(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      return Base64.getEncoder().encode(mac.doFinal(toSign));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static Received parse(Instant at, byte[] body) {
    try {
      com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      String type = json.path("msgtype").asText("");
      return switch (type) {
        case "markdown" -> new Received(at, type, json.path("markdown").path("title").asText(""),
            json.path("markdown").path("text").asText(""));
        case "text" -> new Received(at, type, "", json.path("text").path("content").asText(""));
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
