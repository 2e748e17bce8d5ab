package io.pagorecon.simulator.internal;

import io.pagorecon.simulator.DeliveryPlan;
import io.pagorecon.simulator.SimulatorConfig;
import io.pagorecon.simulator.Tamper;
import io.pagorecon.simulator.WebhookDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhooks like PagoEfectivo: POST of compact JSON, {@code PE-Signature} = lowercase hex
 * HMAC-SHA256 of the exact bytes sent; a timeout or any status but 200 is a failure, followed by
 * exactly one retry after the configured delay, then nothing.
 */
public final class WebhookSender {

  private final SimulatorConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private final List<WebhookDelivery> log = new ArrayList<>();

  public WebhookSender(SimulatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).version(HttpClient.Version.HTTP_1_1).build();
  }

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Sends one event per its plan (twice when duplicated); returns what was logged. */
  public List<WebhookDelivery> send(String eventType, String cip, byte[] body, DeliveryPlan plan) {
    List<WebhookDelivery> out = new ArrayList<>();
    out.add(sendOnce(eventType, cip, body, plan));
    if (plan.duplicate()) {
      out.add(sendOnce(eventType, cip, body, plan));
    }
    return out;
  }

  private WebhookDelivery sendOnce(String eventType, String cip, byte[] original, DeliveryPlan plan) {
    String secret = plan.signingSecret().orElse(config.secretKey());
    String signature = sign(secret, original);
    byte[] sent = original;
    Optional<String> header = Optional.of(signature);
    switch (plan.tamper()) {
      case WRONG_SIGNATURE:
        header = Optional.of(sign(secret, (new String(original, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8)));
        break;
      case UPPERCASE_SIGNATURE:
        header = Optional.of(signature.toUpperCase(Locale.ROOT));
        break;
      case MISSING_SIGNATURE:
        header = Optional.empty();
        break;
      case BODY_ALTERED:
        sent = alterAmount(original);
        break;
      case NONE:
      default:
        break;
    }
    List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      if (n == 2) {
        pause();
      }
      WebhookDelivery.Attempt a = n <= plan.dropAttempts()
          ? new WebhookDelivery.Attempt(n, clock.instant(), true, 0, Optional.of("dropped"))
          : post(n, sent, header);
      attempts.add(a);
      if (a.status() == 200) {
        break;
      }
    }
    WebhookDelivery d = new WebhookDelivery(ids.incrementAndGet(), eventType, cip, sent, header, plan, List.copyOf(attempts));
    synchronized (log) {
      log.add(d);
    }
    return d;
  }

  private static byte[] alterAmount(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    String altered = s.replaceFirst("\"amount\":([0-9.]+)", "\"amount\":1$1");
    return (altered.equals(s) ? s + " " : altered).getBytes(StandardCharsets.UTF_8);
  }

  private void pause() {
    try {
      config.sleeper().sleep(config.webhookRetryDelay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before the webhook retry", e);
    }
  }

  private WebhookDelivery.Attempt post(int n, byte[] body, Optional<String> signature) {
    Instant at = clock.instant();
    if (config.webhookUrl().isEmpty()) {
      return new WebhookDelivery.Attempt(n, at, false, 0, Optional.of("no webhook URL configured"));
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.webhookUrl().get()))
        .timeout(config.webhookTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signature.ifPresent(s -> req.header("PE-Signature", s));
    try {
      HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
      return new WebhookDelivery.Attempt(n, at, false, r.statusCode(), Optional.empty());
    } catch (IOException e) {
      return new WebhookDelivery.Attempt(n, at, false, 0, Optional.of(e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WebhookDelivery.Attempt(n, at, false, 0, Optional.of("interrupted"));
    }
  }

  public List<WebhookDelivery> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }
}
