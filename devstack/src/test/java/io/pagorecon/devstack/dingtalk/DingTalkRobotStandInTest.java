package io.pagorecon.devstack.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The robot stand-in answers as DingTalk does (loopback HTTP only). */
class DingTalkRobotStandInTest {

  static final String SECRET = "SEC0123456789abcdef";
  static final Instant NOW = Instant.parse("2024-01-16T07:00:00Z");
  static final String MESSAGE = "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"pagorecon\",\"text\":\"## 2 critical\"}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private DingTalkRobotStandIn robot;

  @BeforeEach
  void start() throws Exception {
    robot = DingTalkRobotStandIn.start("tok", SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    robot.close();
  }

  @Test
  void send_shouldTakeAndRecordTheMessage_whenTimestampAndSignAreRight() throws Exception {
    String answer = post(signed(NOW.toEpochMilli(), SECRET), MESSAGE);

    assertThat(answer).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
    assertThat(robot.received()).singleElement().satisfies(r -> {
      assertThat(r.title()).isEqualTo("pagorecon");
      assertThat(r.text()).isEqualTo("## 2 critical");
    });
  }

  @Test
  void send_shouldAnswer310000_whenTheSignatureOrTimestampIsWrong() throws Exception {
    long now = NOW.toEpochMilli();

    assertThat(post(signed(now, "SECwrong"), MESSAGE)).contains("\"errcode\":310000").contains("sign not match");
    assertThat(post(signed(now - Duration.ofMinutes(61).toMillis(), SECRET), MESSAGE)).contains("\"errcode\":310000");
    assertThat(post(robot.webhookUrl() + "&timestamp=" + now, MESSAGE)).contains("\"errcode\":310000");
    assertThat(post(signed(now, SECRET).replace("access_token=tok", "access_token=other"), MESSAGE)).contains("\"errcode\":300001");
    assertThat(robot.received()).isEmpty();
  }

  @Test
  void send_shouldRefuseThe21stMessageOfAMinute_with130101() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(post(signed(NOW.toEpochMilli(), SECRET), MESSAGE)).contains("\"errcode\":0");
    }

    assertThat(post(signed(NOW.toEpochMilli(), SECRET), MESSAGE)).contains("\"errcode\":130101");
    assertThat(robot.received()).hasSize(20);
  }

  @Test
  void send_shouldAnswerTheConfiguredErrcode_whenToldToRefuse() throws Exception {
    robot.refuseNext(1, 130101, "send too fast, exceed 20 times per minute");

    assertThat(post(signed(NOW.toEpochMilli(), SECRET), MESSAGE)).contains("\"errcode\":130101");
    assertThat(post(signed(NOW.toEpochMilli(), SECRET), MESSAGE)).contains("\"errcode\":0");
    assertThat(robot.answers()).extracting(DingTalkRobotStandIn.Answer::errcode).containsExactly(130101, 0);
  }

  /** DingTalk's documented recipe, written out here independently of the function's signer. */
  private String signed(long timestamp, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sign = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    return robot.webhookUrl() + "&timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
  }

  private String post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
