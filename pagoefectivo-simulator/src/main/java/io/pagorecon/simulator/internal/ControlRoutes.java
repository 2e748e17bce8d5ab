package io.pagorecon.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pagorecon.simulator.ApiCall;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.CipView;
import io.pagorecon.simulator.DeliveryPlan;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import io.pagorecon.simulator.Tamper;
import io.pagorecon.simulator.WebhookDelivery;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The control surface over HTTP, for the CLI and the demo: {@code POST /_sim/<operation>} with a
 * JSON body, {@code GET /_sim/cips|webhooks|calls|clock}. Answers 200 with JSON, 400 with {@code
 * {"error": ...}} when the operation is refused.
 */
public final class ControlRoutes implements HttpHandler {

  private final PagoEfectivoSimulator sim;

  public ControlRoutes(PagoEfectivoSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String op = ex.getRequestURI().getPath().substring(PagoEfectivoSimulator.CONTROL_PREFIX.length());
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? Wire.object() : Wire.JSON.readTree(raw);
      JsonNode result;
      try {
        result = dispatch(ex.getRequestMethod().toUpperCase(Locale.ROOT), op, body);
      } catch (IllegalStateException | IllegalArgumentException e) {
        send(ex, 400, Wire.object().put("error", e.getMessage()));
        return;
      }
      if (result == null) {
        send(ex, 404, Wire.object().put("error", "no such control operation: " + op));
      } else {
        send(ex, 200, result);
      }
    } catch (IOException e) {
      send(ex, 400, Wire.object().put("error", "body is not JSON"));
    } finally {
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, JsonNode node) throws IOException {
    byte[] bytes = Wire.JSON.writeValueAsBytes(node);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private JsonNode dispatch(String method, String op, JsonNode b) {
    if (method.equals("GET")) {
      switch (op) {
        case "cips": return cips(sim.cips());
        case "webhooks": return deliveries(sim.webhooks());
        case "calls": return calls(sim.apiCalls());
        case "clock": return Wire.object().put("now", sim.clock().instant().toString());
        default: return null;
      }
    }
    if (!method.equals("POST")) {
      return null;
    }
    switch (op) {
      case "cips": {
        CipView v = sim.createCip(b.path("transactionCode").asText(), b.path("currency").asText("PEN"),
            new BigDecimal(b.path("amount").asText()),
            b.hasNonNull("dateExpiry") ? OffsetDateTime.parse(b.get("dateExpiry").asText())
                : OffsetDateTime.ofInstant(sim.clock().instant(), Wire.LIMA).plus(sim.config().defaultExpiry()));
        return cips(List.of(v));
      }
      case "pay": {
        long cip = b.path("cip").asLong();
        String opNumber = b.hasNonNull("operationNumber") ? b.get("operationNumber").asText() : null;
        OffsetDateTime at = b.hasNonNull("paymentDate") ? OffsetDateTime.parse(b.get("paymentDate").asText()) : null;
        if (opNumber == null && at == null && !b.has("plan")) {
          return deliveries(sim.pay(cip));
        }
        return deliveries(sim.pay(cip, opNumber == null ? sim.nextOperationNumber() : opNumber,
            at == null ? Wire.limaNow(sim.clock()) : at, plan(b.path("plan"))));
      }
      case "expire": return deliveries(sim.expire(b.path("cip").asLong()));
      case "refund": return deliveries(sim.refund(b.path("cip").asLong()));
      case "delete": return cips(List.of(sim.delete(b.path("cip").asLong())));
      case "redeliver":
        return deliveries(b.hasNonNull("cip") ? sim.redeliver(b.get("cip").asLong(), plan(b.path("plan")))
            : sim.redeliverLast(plan(b.path("plan"))));
      case "plan":
        sim.planNextDeliveries(b.path("count").asInt(1), plan(b.path("plan")));
        return Wire.object().put("ok", true);
      case "fault":
        sim.injectFault(ApiFault.valueOf(b.path("fault").asText()), b.path("count").asInt(1), b.path("path").asText(""));
        return Wire.object().put("ok", true);
      case "shape":
        sim.shapeVariants(b.path("codeAsString").asBoolean(false), b.path("errorDataAsObject").asBoolean(false));
        sim.webhookAmounts(SimulatorConfig.WebhookAmounts.valueOf(b.path("webhookAmounts").asText("TWO_DECIMALS")));
        return Wire.object().put("ok", true);
      case "clear-faults":
        sim.clearFaults();
        return Wire.object().put("ok", true);
      case "revoke-tokens":
        sim.revokeTokens();
        return Wire.object().put("ok", true);
      case "clock":
        if (b.hasNonNull("set")) {
          return deliveries(sim.setClock(Instant.from(OffsetDateTime.parse(b.get("set").asText()))));
        }
        return deliveries(sim.advanceClock(Duration.parse(b.path("advance").asText("PT0S"))));
      case "deliver-due":
        return deliveries(sim.deliverDue());
      default:
        return null;
    }
  }

  /** {@code {"dropAttempts":1,"delaySeconds":60,"duplicate":true,"tamper":"WRONG_SIGNATURE","signingSecret":"..."}} */
  private static DeliveryPlan plan(JsonNode p) {
    DeliveryPlan plan = DeliveryPlan.normal().dropping(p.path("dropAttempts").asInt(0))
        .delayedBy(Duration.ofSeconds(p.path("delaySeconds").asLong(0)))
        .tampered(Tamper.valueOf(p.path("tamper").asText("NONE")));
    if (p.path("duplicate").asBoolean(false)) {
      plan = plan.duplicated();
    }
    if (p.hasNonNull("signingSecret")) {
      plan = plan.signedWith(p.get("signingSecret").asText());
    }
    return plan;
  }

  private static ArrayNode cips(List<CipView> views) {
    ArrayNode a = Wire.JSON.createArrayNode();
    for (CipView v : views) {
      ObjectNode n = a.addObject();
      n.put("cip", v.cip());
      n.put("transactionCode", v.transactionCode());
      n.put("currency", v.currency());
      n.put("amount", v.amount());
      n.put("status", v.status());
      n.put("statusName", v.statusName());
      n.put("dateCreation", Wire.format(v.dateCreation()));
      n.put("dateExpiry", Wire.format(v.dateExpiry()));
      n.put("datePayment", v.datePayment().map(Wire::format).orElse(null));
      n.put("dateRemoval", v.dateRemoval().map(Wire::format).orElse(null));
      n.put("cipUrl", v.cipUrl());
    }
    return a;
  }

  private static ArrayNode deliveries(List<WebhookDelivery> list) {
    ArrayNode a = Wire.JSON.createArrayNode();
    for (WebhookDelivery d : list) {
      ObjectNode n = a.addObject();
      n.put("id", d.id());
      n.put("eventType", d.eventType());
      n.put("cip", d.cip());
      n.put("body", d.bodyText());
      n.put("signature", d.signature().orElse(null));
      ArrayNode attempts = n.putArray("attempts");
      for (WebhookDelivery.Attempt at : d.attempts()) {
        attempts.addObject().put("number", at.number()).put("at", at.at().toString()).put("dropped", at.dropped())
            .put("status", at.status()).put("error", at.error().orElse(null));
      }
    }
    return a;
  }

  private static ArrayNode calls(List<ApiCall> list) {
    ArrayNode a = Wire.JSON.createArrayNode();
    for (ApiCall c : list) {
      a.addObject().put("at", c.at().toString()).put("method", c.method()).put("path", c.path()).put("status", c.status());
    }
    return a;
  }
}
