package io.pagorecon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny test client for the simulator's wire, independent of the project's client. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Http() {}

  static Response send(String method, String url, String token, String body) {
    return sendAuthorized(method, url, token == null ? null : "Bearer " + token, body);
  }

  /** With the {@code Authorization} header exactly as given (null: none). */
  static Response sendAuthorized(String method, String url, String authorization, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Authenticates with the simulator's example credentials at its current Lima time. */
  static String token(PagoEfectivoSimulator sim) {
    String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
        .format(sim.clock().instant().atZone(java.time.ZoneId.of("America/Lima")));
    SimulatorConfig c = sim.config();
    String hash = sha256(c.idService() + "." + c.accessKey() + "." + c.secretKey() + "." + date);
    Response r = send("POST", sim.baseUrl() + "authorizations", null,
        "{\"accessKey\":\"" + c.accessKey() + "\",\"idService\":" + c.idService() + ",\"dateRequest\":\"" + date
            + "\",\"hashString\":\"" + hash + "\"}");
    if (r.status() != 201) {
      throw new AssertionError("auth failed: " + r);
    }
    return r.json().path("data").path("token").asText();
  }
}
