package io.pagorecon.functions.doctor;

import io.pagorecon.core.webhook.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code webhook-endpoint}: posts a signed self-test notification, as PagoEfectivo would, and wants
 * HTTP 200. The probe names no CIP ({@code data.probe} carries its id, event type {@value
 * #PROBE_EVENT}), so the webhook archives it as evidence and records nothing: it can never become a
 * payment, and no report, alert or shop event counts it.
 */
final class WebhookCheck {

  static final String PROBE_EVENT = "pagorecon.probe";

  private final HttpClient http;

  WebhookCheck(HttpClient http) {
    this.http = http;
  }

  static byte[] probeBody(String probeId) {
    return ("{\"eventType\":\"" + PROBE_EVENT + "\",\"operationNumber\":\"\",\"data\":{\"probe\":\"" + probeId + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  Finding check(Optional<URI> url, String secretKey) {
    String check = "webhook-endpoint";
    if (url.isEmpty()) {
      return Finding.warn(check, "not checked: no webhook URL", "give --webhook-url (the stack's WebhookUrl output)");
    }
    String probeId = "doctor-" + UUID.randomUUID();
    byte[] body = probeBody(probeId);
    HttpRequest req = HttpRequest.newBuilder(url.get()).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("PE-Signature", Signatures.hmacSha256Hex(secretKey, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Finding.fail(check, "no answer from " + url.get() + " (" + e.getClass().getSimpleName() + ")",
          "check that the URL registered with PagoEfectivo is this one and is reachable from the internet");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.fail(check, "interrupted", "run doctor again");
    }
    int s = r.statusCode();
    if (s == 200) {
      return Finding.pass(check, "signed probe " + probeId + " answered 200");
    }
    if (s == 400 || s == 401 || s == 403) {
      return Finding.fail(check, "signed probe refused with HTTP " + s + (r.body().contains("SIGNATURE") ? " (signature)" : ""),
          "the endpoint's secret must be PagoEfectivo's secretKey of this stage: update the PagoEfectivo secret");
    }
    return Finding.fail(check, "signed probe answered HTTP " + s,
        "PagoEfectivo retries a non-200 once, then never again: fix the endpoint (see its logs), then run doctor again");
  }
}
