package io.pagorecon.pagoefectivo.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.gateway.GatewayException.Kind;
import io.pagorecon.core.journal.ApiCallJournal;
import io.pagorecon.core.time.Timestamps;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.DoubleSupplier;

/**
 * One PagoEfectivo call with everything around it: the cached bearer token (refreshed shortly
 * before {@code tokenExpires}, one re-authentication on 401), the rate limit, retries with
 * exponential backoff and jitter where repeating is safe, and typed errors.
 */
public final class Transport {

  /** Whether a call may be repeated when its outcome is unknown. */
  public enum Safety {
    /** Reads and idempotent changes (search, PATCH, DELETE, authorizations). */
    REPEATABLE,
    /**
     * {@code POST /cips}: repeated only when the request certainly did not take effect (no
     * connection, 429, 503). A lost answer is never retried blindly: see {@code CipIssuer}.
     */
    CREATE
  }

  private static final System.Logger LOG = System.getLogger(Transport.class.getName());
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private final PagoEfectivoConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final RateLimiter limiter;
  private final ApiCallJournal journal;
  private String token;
  private Instant refreshAt = Instant.MIN;

  public Transport(PagoEfectivoConfig config, Clock clock, Sleeper sleeper, DoubleSupplier jitter, ApiCallJournal journal) {
    this.config = config;
    this.journal = journal;
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.limiter = new RateLimiter(config.rateLimitPerSecond(), System::nanoTime, sleeper);
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** A 2xx answer's JSON body. */
  public JsonNode call(String method, String path, JsonNode body, Safety safety) {
    boolean reauthenticated = false;
    for (int attempt = 1; ; attempt++) {
      String bearer = currentToken();
      Outcome o = exchange(method, path, body, bearer, safety);
      if (o.status == 401 && !reauthenticated) {
        // One re-authentication per call: the token may have been revoked or expired early.
        invalidate(bearer);
        reauthenticated = true;
        attempt--;
        continue;
      }
      if (o.status == 401) {
        throw new GatewayException(Kind.UNAUTHORIZED, null, 401, List.of(), "401 after re-authenticating on " + path, null);
      }
      if (o.result != null) {
        return o.result;
      }
      if (o.failure.kind() != Kind.UNAVAILABLE || attempt >= config.retry().maxAttempts()) {
        throw o.failure;
      }
      Duration wait = config.retry().delayBefore(attempt, jitter.getAsDouble());
      LOG.log(System.Logger.Level.INFO, "PagoEfectivo {0} {1} failed ({2}), retry {3} in {4} ms",
          method, path, o.failure.getMessage(), attempt, wait.toMillis());
      pause(wait);
    }
  }

  private record Outcome(int status, JsonNode result, GatewayException failure) {}

  private Outcome exchange(String method, String path, JsonNode body, String bearer, Safety safety) {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(Kind.UNAVAILABLE, null, 0, List.of(), "interrupted", e);
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(resolve(path))
        .timeout(config.readTimeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Origin", "web")
        .header("Accept-Language", config.acceptLanguage());
    if (bearer != null) {
      req.header("Authorization", "Bearer " + bearer);
    }
    // Ours, per attempt: journaled, and sent so PagoEfectivo's logs can be matched to ours.
    String requestId = UUID.randomUUID().toString();
    req.header("X-Request-Id", requestId);
    byte[] bytes = body == null ? null : write(body);
    req.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
    HttpResponse<byte[]> r;
    Instant at = clock.instant();
    long started = System.nanoTime();
    try {
      r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      // Nothing reached the server: always safe to repeat.
      journal(at, started, method, path, requestId, bytes, 0, null, null, "connection failed: " + e.getClass().getSimpleName());
      return failed(Kind.UNAVAILABLE, 0, null, "connection failed: " + e.getClass().getSimpleName(), e);
    } catch (HttpTimeoutException e) {
      journal(at, started, method, path, requestId, bytes, 0, null, null, "timed out");
      return failed(unknownIfCreate(safety), 0, null, "timed out after " + config.readTimeout().toMillis() + " ms", e);
    } catch (IOException e) {
      journal(at, started, method, path, requestId, bytes, 0, null, null, "I/O failure: " + e.getClass().getSimpleName());
      return failed(unknownIfCreate(safety), 0, null, "I/O failure: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(Kind.UNAVAILABLE, null, 0, List.of(), "interrupted", e);
    }
    journal(at, started, method, path, requestId, bytes, r.statusCode(), r.body(), r.headers(), null);
    return interpret(r.statusCode(), r.body(), safety, path);
  }

  private void journal(Instant at, long started, String method, String path, String requestId, byte[] request, int status,
      byte[] response, HttpHeaders headers, String error) {
    long millis = (System.nanoTime() - started) / 1_000_000;
    try {
      journal.record(JournalEntries.entry(at, millis, method, path, resolve(path).toString(), requestId, request, status,
          response, headers, Optional.ofNullable(error)));
    } catch (RuntimeException e) {
      // The journal never fails a payment call; the gap is logged.
      LOG.log(System.Logger.Level.WARNING, "journal entry lost for PagoEfectivo {0} {1}: {2}", method, path, e.getClass().getSimpleName());
    }
  }

  private static Kind unknownIfCreate(Safety safety) {
    return safety == Safety.CREATE ? Kind.OUTCOME_UNKNOWN : Kind.UNAVAILABLE;
  }

  private Outcome interpret(int status, byte[] raw, Safety safety, String path) {
    if (status == 401) {
      return new Outcome(401, null, null);
    }
    Optional<JsonNode> json = parse(raw);
    String code = json.flatMap(j -> Lenient.text(j.get("code"))).orElse(null);
    if (status == 429 || status == 503) {
      // Refused before any work was done [assumed for 503]: safe even for a create.
      return failed(Kind.UNAVAILABLE, status, code, "HTTP " + status, null);
    }
    if (status >= 500) {
      return failed(unknownIfCreate(safety), status, code, "HTTP " + status + (code == null ? "" : " code " + code), null);
    }
    if (status >= 200 && status < 300) {
      if (json.isEmpty()) {
        return failed(unknownIfCreate(safety), status, null, "malformed answer (HTTP " + status + ", not JSON)", null);
      }
      if (code != null && !code.equals("100")) {
        return failed(Kind.REJECTED, status, code, "HTTP " + status + " with code " + code, null);
      }
      return new Outcome(status, json.get(), null);
    }
    if (json.isPresent() && "111".equals(code)) {
      List<GatewayException.FieldError> items = fieldErrors(json.get().get("data"));
      return new Outcome(status, null, new GatewayException(Kind.VALIDATION, code, status, items,
          "invalid request " + items.stream().map(i -> i.code() + ":" + i.field()).toList(), null));
    }
    return failed(Kind.REJECTED, status, code, "HTTP " + status + (code == null ? "" : " code " + code) + " on " + path, null);
  }

  /** The 111 wrapper's items: {@code data} as an array or a single object. */
  static List<GatewayException.FieldError> fieldErrors(JsonNode data) {
    List<GatewayException.FieldError> out = new ArrayList<>();
    if (data == null) {
      return out;
    }
    List<JsonNode> items = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(items::add);
    } else if (data.isObject()) {
      items.add(data);
    }
    for (JsonNode i : items) {
      out.add(new GatewayException.FieldError(Lenient.text(i.get("field")).orElse(""),
          Lenient.text(i.get("code")).orElse(""), Lenient.text(i.get("message")).orElse("")));
    }
    return out;
  }

  private static Outcome failed(Kind kind, int status, String code, String message, Throwable cause) {
    List<GatewayException.FieldError> none = List.of();
    return new Outcome(status, null, new GatewayException(kind, code, status, none, message, cause));
  }

  private static Optional<JsonNode> parse(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(raw);
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] write(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI resolve(String path) {
    return config.baseUrl().resolve(path);
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(Kind.UNAVAILABLE, null, 0, List.of(), "interrupted while backing off", e);
    }
  }

  // ---- token ----

  private synchronized String currentToken() {
    if (token == null || !clock.instant().isBefore(refreshAt)) {
      authenticate();
    }
    return token;
  }

  private synchronized void invalidate(String used) {
    if (used != null && used.equals(token)) {
      token = null;
    }
  }

  private void authenticate() {
    String dateRequest = Timestamps.formatLima(clock.instant());
    var creds = config.credentials();
    ObjectNode body = JSON.createObjectNode();
    body.put("accessKey", creds.accessKey());
    if (creds.idService().matches("^[0-9]{1,18}$")) {
      body.put("idService", Long.parseLong(creds.idService()));
    } else {
      body.put("idService", creds.idService());
    }
    body.put("dateRequest", dateRequest);
    body.put("hashString", Signatures.hashString(creds.idService(), creds.accessKey(), creds.secretKey(), dateRequest));
    JsonNode answer;
    for (int attempt = 1; ; attempt++) {
      Outcome o = exchange("POST", "authorizations", body, null, Safety.REPEATABLE);
      if (o.result != null) {
        answer = o.result;
        break;
      }
      GatewayException f = o.failure != null ? o.failure
          : new GatewayException(Kind.UNAUTHORIZED, null, 401, List.of(), "401 on authorizations", null);
      if (f.kind() == Kind.VALIDATION || f.kind() == Kind.REJECTED || o.status == 401) {
        // Wrong credentials or a clock far from PagoEfectivo's: retrying cannot help.
        throw new GatewayException(Kind.UNAUTHORIZED, f.gatewayCode(), f.httpStatus(), f.fieldErrors(),
            "authorization refused: " + f.getMessage(), f);
      }
      if (attempt >= config.retry().maxAttempts()) {
        throw f;
      }
      pause(config.retry().delayBefore(attempt, jitter.getAsDouble()));
    }
    JsonNode data = answer.path("data");
    String issued = Lenient.text(data.get("token")).orElseThrow(() ->
        new GatewayException(Kind.UNAVAILABLE, "100", 201, List.of(), "authorization answer without a token", null));
    Instant expires = Lenient.date(data.get("tokenExpires")).map(OffsetDateTime::toInstant)
        .orElse(clock.instant().plus(Duration.ofHours(2)));
    token = issued;
    refreshAt = expires.minus(config.tokenRefreshMargin());
  }
}
