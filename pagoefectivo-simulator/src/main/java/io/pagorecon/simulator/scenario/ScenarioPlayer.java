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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a scenario through a running simulator, for the demo: every CIP is created through the
 * {@code /v1} API, then paid, expired, refunded or deleted through the control operations, with
 * its webhooks lost, delayed, duplicated, forged or sandbox-signed as planned. The simulator
 * numbers the CIPs itself, so the result maps planned numbers to real ones. The steps run in time
 * order with the simulator's clock set to each step's planned time, so creation, payment, expiry,
 * removal and webhook receipt times all line up with the business date (a receiver that stamps
 * arrivals with {@link PagoEfectivoSimulator#clock()} sees the planned receipt times, late ones
 * included). Meant for demo sizes, not a million.
 */
public final class ScenarioPlayer {

  /** What was played: planned CIP → simulator CIP, and the creates the API refused (e.g. 511). */
  public record Result(Map<Long, Long> cips, List<String> refused) {}

  private final PagoEfectivoSimulator sim;
  private final String sandboxSecret;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;
  private Instant tokenAt = Instant.EPOCH;

  public ScenarioPlayer(PagoEfectivoSimulator sim, String sandboxSecret) {
    this.sim = sim;
    this.sandboxSecret = sandboxSecret;
  }

  public Result play(ScenarioConfig config) {
    // Every CIP's story becomes timed steps, played in time order on the simulated clock, so the
    // gateway's creation times, payment times and webhook receipt times are the planned ones.
    List<Step> steps = new ArrayList<>();
    new ScenarioGenerator(config).generate(order -> {
      for (PlannedCip c : order.cips()) {
        steps(order, c, steps);
      }
    });
    steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::seq));
    Map<Long, Long> mapping = new LinkedHashMap<>();
    List<String> refused = new ArrayList<>();
    Duration longestDelay = Duration.ZERO;
    Instant start = steps.isEmpty() ? config.businessDate().atStartOfDay(Wire.LIMA).toInstant() : steps.get(0).at();
    sim.setClock(start.minusSeconds(60));
    for (Step step : steps) {
      if (step.at().isAfter(sim.clock().instant())) {
        sim.setClock(step.at());
      }
      Long real = mapping.get(step.cip().cip());
      if (step.kind() == Kind.CREATE) {
        real = create(step.cip(), step.order().orderId(), refused);
        if (real != null) {
          mapping.put(step.cip().cip(), real);
        }
        continue;
      }
      if (real == null) {
        continue; // its create was refused
      }
      Duration delay = act(step, real);
      if (delay.compareTo(longestDelay) > 0) {
        longestDelay = delay;
      }
    }
    sim.advanceClock(longestDelay.plusMinutes(1));
    return new Result(mapping, refused);
  }

  private enum Kind { CREATE, PAY, REFUND, EXPIRE, DELETE, SEND }

  private record Step(Instant at, int seq, Kind kind, PlannedOrder order, PlannedCip cip, PlannedWebhook hook) {}

  private void steps(PlannedOrder order, PlannedCip c, List<Step> steps) {
    int seq = steps.size();
    steps.add(new Step(c.createdAt().toInstant(), seq, Kind.CREATE, order, c, null));
    switch (c.status()) {
      case "PAID":
      case "REFUNDED":
        steps.add(new Step(c.paidAt().orElseThrow().toInstant(), seq + 1, Kind.PAY, order, c, null));
        if (c.status().equals("REFUNDED")) {
          steps.add(new Step(c.removedAt().orElseThrow().toInstant(), seq + 2, Kind.REFUND, order, c, null));
        }
        break;
      case "EXPIRED":
        // A second early, so the simulator's lazy expiry has not already done it.
        steps.add(new Step(c.expiresAt().toInstant().minusSeconds(1), seq + 1, Kind.EXPIRE, order, c, null));
        break;
      case "DELETED":
        steps.add(new Step(c.removedAt().orElseThrow().toInstant(), seq + 1, Kind.DELETE, order, c, null));
        break;
      default:
        int i = 1;
        for (PlannedWebhook w : order.webhooks()) {
          if (w.cip() == c.cip()) {
            steps.add(new Step(w.receivedAt().toInstant(), seq + i++, Kind.SEND, order, c, w));
          }
        }
        break;
    }
  }

  /** Performs one step at the current simulated time; returns the delivery delay it planned. */
  private Duration act(Step step, long real) {
    PlannedCip c = step.cip();
    switch (step.kind()) {
      case PAY: {
        List<PlannedWebhook> hooks = step.order().webhooks().stream().filter(w -> w.cip() == c.cip()).toList();
        DeliveryPlan plan = plan(hooks, c.paidAt().orElseThrow());
        sim.pay(real, c.operationNumber(), c.paidAt().get(), plan);
        return plan.delay();
      }
      case REFUND:
        sim.refund(real);
        return Duration.ZERO;
      case EXPIRE:
        sim.expire(real);
        return Duration.ZERO;
      case DELETE:
        sim.delete(real);
        return Duration.ZERO;
      case SEND: {
        // A notification for a CIP that was never paid: forged, sandbox or unconfirmed.
        PlannedWebhook w = step.hook();
        byte[] body = rewrite(w.body(), c.cip(), real);
        DeliveryPlan plan = w.delivery() == Delivery.FORGED ? DeliveryPlan.normal().tampered(Tamper.WRONG_SIGNATURE)
            : w.delivery() == Delivery.SANDBOX ? DeliveryPlan.normal().signedWith(sandboxSecret) : DeliveryPlan.normal();
        sim.sendRaw("cip.paid", real, body, plan);
        return Duration.ZERO;
      }
      default:
        throw new IllegalStateException("not an action: " + step.kind());
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
    if (token == null || Duration.between(tokenAt, sim.clock().instant()).compareTo(Duration.ofMinutes(30)) > 0) {
      token = authorize(); // the token lives 2 h of simulated time, and the clock moves on
      tokenAt = sim.clock().instant();
    }
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
