package io.pagorecon.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.simulator.DeliveryPlan;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import io.pagorecon.simulator.Tamper;
import io.pagorecon.simulator.internal.Wire;
import io.pagorecon.simulator.scenario.PlannedOrder.Delivery;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedCip;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedWebhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a scenario through a running simulator, for the demo: every CIP is created through the
 * {@code /v1} API, then paid, expired, refunded or deleted through the control operations, with
 * its webhooks lost, delayed, duplicated, forged or sandbox-signed as planned. The simulator
 * numbers the CIPs itself, so the result maps planned numbers to real ones; creation times are the
 * simulator clock's, payment times are the planned ones. Meant for demo sizes, not a million.
 */
public final class ScenarioPlayer {

  /** What was played: planned CIP → simulator CIP, and the creates the API refused (e.g. 511). */
  public record Result(Map<Long, Long> cips, List<String> refused) {}

  private final PagoEfectivoSimulator sim;
  private final String sandboxSecret;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  public ScenarioPlayer(PagoEfectivoSimulator sim, String sandboxSecret) {
    this.sim = sim;
    this.sandboxSecret = sandboxSecret;
  }

  public Result play(ScenarioConfig config) {
    // Start two days before the business date, so every planned expiry lies ahead.
    sim.setClock(config.businessDate().minusDays(2).atStartOfDay(Wire.LIMA).toInstant());
    token = authorize();
    Map<Long, Long> mapping = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    Duration[] longestDelay = {Duration.ZERO};
    new ScenarioGenerator(config).generate(order -> {
      for (PlannedCip c : order.cips()) {
        Long real = create(c, order.orderId(), refused);
        if (real == null) {
          continue;
        }
        mapping.put(c.cip(), real);
        apply(order, c, real, longestDelay);
      }
    });
    sim.advanceClock(longestDelay[0].plusMinutes(1));
    return new Result(mapping, refused);
  }

  private void apply(PlannedOrder order, PlannedCip c, long real, Duration[] longestDelay) {
    List<PlannedWebhook> hooks = order.webhooks().stream().filter(w -> w.cip() == c.cip()).toList();
    switch (c.status()) {
      case "PAID":
      case "REFUNDED": {
        DeliveryPlan plan = plan(hooks, c.paidAt().orElseThrow());
        if (plan.delay().compareTo(longestDelay[0]) > 0) {
          longestDelay[0] = plan.delay();
        }
        sim.pay(real, c.operationNumber(), c.paidAt().get(), plan);
        if (c.status().equals("REFUNDED")) {
          sim.refund(real);
        }
        break;
      }
      case "EXPIRED":
        sim.expire(real);
        break;
      case "DELETED":
        sim.delete(real);
        break;
      default:
        for (PlannedWebhook w : hooks) {
          // A notification for a CIP that was never paid: forged, sandbox or unconfirmed.
          byte[] body = rewrite(w.body(), c.cip(), real);
          DeliveryPlan plan = w.delivery() == Delivery.FORGED ? DeliveryPlan.normal().tampered(Tamper.WRONG_SIGNATURE)
              : w.delivery() == Delivery.SANDBOX ? DeliveryPlan.normal().signedWith(sandboxSecret) : DeliveryPlan.normal();
          sim.sendRaw("cip.paid", real, body, plan);
        }
        break;
    }
  }

  private static DeliveryPlan plan(List<PlannedWebhook> hooks, OffsetDateTime paidAt) {
    if (hooks.isEmpty() || hooks.get(0).delivery() == Delivery.LOST) {
      return DeliveryPlan.normal().dropping(2);
    }
    DeliveryPlan plan = DeliveryPlan.normal();
    if (hooks.size() > 1) {
      plan = plan.duplicated();
    }
    Duration late = Duration.between(paidAt, hooks.get(0).receivedAt());
    return late.compareTo(Duration.ofMinutes(30)) > 0 ? plan.delayedBy(late) : plan;
  }

  private static byte[] rewrite(String body, long planned, long real) {
    return body.replace("\"cip\":\"" + planned + "\"", "\"cip\":\"" + real + "\"").getBytes(StandardCharsets.UTF_8);
  }

  private Long create(PlannedCip c, String orderId, List<String> refused) {
    ObjectNode body = Wire.object();
    body.put("currency", c.currency());
    body.put("amount", c.amount());
    body.put("transactionCode", c.transactionCode());
    body.put("userEmail", "shopper+" + orderId.toLowerCase() + "@example.com");
    body.put("dateExpiry", Wire.format(c.expiresAt()));
    JsonNode answer = post("cips", body, token);
    if (answer.path("code").asInt() != 100) {
      refused.add(orderId + ": code " + answer.path("code").asText());
      return null;
    }
    return answer.path("data").path("cip").asLong();
  }

  private String authorize() {
    SimulatorConfig cfg = sim.config();
    String date = Wire.format(OffsetDateTime.ofInstant(sim.clock().instant(), Wire.LIMA));
    ObjectNode body = Wire.object();
    body.put("accessKey", cfg.accessKey());
    body.put("idService", cfg.idService());
    body.put("dateRequest", date);
    body.put("hashString", sha256(cfg.idService() + "." + cfg.accessKey() + "." + cfg.secretKey() + "." + date));
    return post("authorizations", body, null).path("data").path("token").asText();
  }

  private JsonNode post(String path, ObjectNode body, String bearer) {
    try {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body)));
      if (bearer != null) {
        req.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      return Wire.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("simulator call failed: " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
