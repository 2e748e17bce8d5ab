package io.pagorecon.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.IngestResult;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.functions.webhook.internal.JsonLines;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crac.Core;
import org.crac.Resource;

/**
 * WebhookFunction: PagoEfectivo's payment notifications through an HTTP API (payload v2). Thin:
 * decode the event to the exact body bytes, call {@link WebhookIngest}, encode {@code {code,
 * message, requestId}}, log one JSON line per outcome.
 */
public final class CipNotificationWebhookHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

  private final WebhookIngest ingest;
  private final Stage stage;
  private final Clock clock;
  private final JsonLines log;
  private final Runnable primer;

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public CipNotificationWebhookHandler() {
    this(System.getenv());
    Core.getGlobalContext().register(this);
  }

  /** Wires from the given environment, as Lambda's constructor does from the real one (ITs use it). */
  CipNotificationWebhookHandler(Map<String, String> env) {
    this(WebhookWiring.fromEnvironment(env, Clock.systemUTC()));
  }

  private CipNotificationWebhookHandler(WebhookWiring wiring) {
    this(wiring.ingest(), wiring.config().stage(), Clock.systemUTC(), System.out, wiring.primer());
  }

  /** For tests: the use case and its clock; logs go to standard output. */
  public CipNotificationWebhookHandler(WebhookIngest ingest, Stage stage, Clock clock) {
    this(ingest, stage, clock, System.out, () -> {});
  }

  CipNotificationWebhookHandler(WebhookIngest ingest, Stage stage, Clock clock, PrintStream log, Runnable primer) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = new JsonLines(Objects.requireNonNull(log, "log"));
    this.primer = Objects.requireNonNull(primer, "primer");
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    Instant receivedAt = clock.instant();
    String requestId = requestId(event, context);
    String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
        .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("POST");
    if (!"POST".equalsIgnoreCase(method)) {
      return answer(rejected(ErrorCode.METHOD_NOT_ALLOWED, "only POST is accepted"), requestId, 0);
    }
    Optional<byte[]> body = body(event);
    if (body.isEmpty()) {
      return answer(rejected(ErrorCode.MALFORMED_JSON, "the body is not valid base64"), requestId, 0);
    }
    RawNotification raw = new RawNotification(body.get(), Optional.ofNullable(event.getHeaders()).orElse(Map.of()), receivedAt, requestId);
    IngestResult result;
    try {
      result = ingest.ingest(raw);
    } catch (StorageException e) {
      // Nothing half-done survives: a 5xx makes PagoEfectivo's single retry redo it idempotently.
      logFault(requestId, ErrorCode.STORAGE_UNAVAILABLE, e);
      return respond(503, ErrorCode.STORAGE_UNAVAILABLE.name(), "storage is unavailable, retry later", requestId);
    } catch (RuntimeException e) {
      logFault(requestId, ErrorCode.INTERNAL_ERROR, e);
      return respond(500, ErrorCode.INTERNAL_ERROR.name(), "internal error", requestId);
    }
    return answer(result, requestId, raw.size());
  }

  /** The exact bytes PagoEfectivo sent: API Gateway may hand them over base64-encoded. */
  static Optional<byte[]> body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return Optional.of(new byte[0]);
    }
    if (!event.getIsBase64Encoded()) {
      return Optional.of(body.getBytes(StandardCharsets.UTF_8));
    }
    try {
      return Optional.of(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
    if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
      return event.getRequestContext().getRequestId();
    }
    if (context != null && context.getAwsRequestId() != null) {
      return context.getAwsRequestId();
    }
    return UUID.randomUUID().toString();
  }

  private static IngestResult rejected(ErrorCode code, String message) {
    return new IngestResult.Rejected(code, message, Optional.empty(), Optional.empty(), false);
  }

  private APIGatewayV2HTTPResponse answer(IngestResult result, String requestId, int bytes) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", result.httpStatus() < 400 ? "INFO" : "WARN");
    line.put("event", result instanceof IngestResult.Rejected r && r.sandboxData() ? "sandbox_notification" : "webhook_outcome");
    line.put("requestId", requestId);
    line.put("stage", stage.wireName());
    line.put("outcome", result.code());
    line.put("status", result.httpStatus());
    line.put("bytes", bytes);
    String message;
    if (result instanceof IngestResult.Accepted a) {
      line.put("cip", a.cip());
      line.put("eventType", a.eventType());
      line.put("from", a.from().name());
      line.put("to", a.to().name());
      message = "accepted";
    } else if (result instanceof IngestResult.Duplicate d) {
      line.put("cip", d.cip());
      line.put("eventType", d.eventType());
      line.put("state", d.state().name());
      message = "already recorded";
    } else if (result instanceof IngestResult.Stale s) {
      line.put("cip", s.cip());
      line.put("eventType", s.eventType());
      line.put("state", s.state().name());
      message = "recorded, state unchanged";
    } else if (result instanceof IngestResult.Archived a) {
      line.put("eventType", a.eventType());
      message = "event type not handled, archived";
    } else {
      IngestResult.Rejected r = (IngestResult.Rejected) result;
      r.cip().ifPresent(c -> line.put("claimedCip", c));
      r.field().ifPresent(f -> line.put("field", f));
      line.put("checkRequested", r.checkRequested());
      message = r.message();
    }
    line.put("notifications", 1);
    line.put("_aws", metric(result.code()));
    log.write(line);
    return respond(result.httpStatus(), result.code(), message, requestId);
  }

  /** CloudWatch embedded metric: one count per outcome and stage, from the log line itself. */
  private Map<String, Object> metric(String outcome) {
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", clock.millis());
    aws.put("CloudWatchMetrics", List.of(Map.of(
        "Namespace", "pagorecon/webhook",
        "Dimensions", List.of(List.of("stage", "outcome")),
        "Metrics", List.of(Map.of("Name", "notifications", "Unit", "Count")))));
    return aws;
  }

  private void logFault(String requestId, ErrorCode code, RuntimeException e) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "ERROR");
    line.put("event", "webhook_fault");
    line.put("requestId", requestId);
    line.put("stage", stage.wireName());
    line.put("outcome", code.name());
    line.put("error", e.getClass().getName());
    line.put("detail", String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    if (cause != null) {
      line.put("cause", cause.getClass().getName());
      line.put("causeDetail", String.valueOf(cause.getMessage()));
    }
    log.write(line);
  }

  private static APIGatewayV2HTTPResponse respond(int status, String code, String message, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("requestId", requestId);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody(JsonLines.toJson(body))
        .withIsBase64Encoded(false)
        .build();
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    primer.run();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: secrets are fetched lazily with a TTL, never baked into the snapshot.
  }
}
