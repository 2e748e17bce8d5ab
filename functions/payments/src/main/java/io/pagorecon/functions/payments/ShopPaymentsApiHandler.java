package io.pagorecon.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.aws.ApiJournals;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.DynamoDbOrderStore;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.CancelResult;
import io.pagorecon.core.order.CreatePayment;
import io.pagorecon.core.order.CreatePaymentResult;
import io.pagorecon.core.order.OrderPayment;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.order.PaymentAssurance;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.time.Timestamps;
import io.pagorecon.pagoefectivo.RotatingPagoEfectivoClient;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * PaymentsApiFunction on the HTTP API (IAM-authorised routes): {@code POST /payments} issues or
 * reuses a CIP for a shop order, {@code GET /payments/{orderId}} answers its payment state and
 * decision ({@code shippable}, {@code reasons}), {@code DELETE /payments/{orderId}} cancels it. Thin:
 * decode and validate the request, call {@link OrderPayments}, encode; errors are {@code {code,
 * message, requestId}}. The shopper's email goes to PagoEfectivo only: it is never logged.
 */
public final class ShopPaymentsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  static final Set<String> CREATE_FIELDS = Set.of("orderId", "amount", "currency", "userEmail", "expiresAt", "paymentConcept");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrderPayments payments;
  private final Clock clock;
  private final PrintStream log;
  private final InvocationJournal journal;

  /** The use case and the journal of its PagoEfectivo calls, wired together. */
  public record Wiring(OrderPayments payments, InvocationJournal journal) {}

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public ShopPaymentsApiHandler() {
    this(wiring(System.getenv(), Clock.systemUTC()), Clock.systemUTC(), System.out);
  }

  public ShopPaymentsApiHandler(Wiring wiring, Clock clock, PrintStream log) {
    this(wiring.payments(), clock, log, wiring.journal());
  }

  public ShopPaymentsApiHandler(OrderPayments payments, Clock clock, PrintStream log) {
    this(payments, clock, log, InvocationJournal.discarding());
  }

  public ShopPaymentsApiHandler(OrderPayments payments, Clock clock, PrintStream log, InvocationJournal journal) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /** The use case alone, its calls not journaled. */
  public static OrderPayments wire(Map<String, String> env, Clock clock) {
    return wiring(env, clock).payments();
  }

  /** The no-arg constructor's wiring, from a given environment (the CLI hosts the handler locally). */
  public static Wiring wiring(Map<String, String> env, Clock clock) {
    PaymentsConfig config = PaymentsConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    InvocationJournal journal = ApiJournals.fromEnvironment(env, clients);
    CachedSecrets secrets = new CachedSecrets(new SecretsManagerSecretSource(clients.secretsManager()), clock, config.secretTtl());
    RotatingPagoEfectivoClient gateway =
        RotatingPagoEfectivoClient.fromSecret(config.pagoEfectivo(), secrets, config.secretArn(), clock, journal);
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(clients.dynamoDb(), config.paymentsTable());
    BusinessCalendar calendar = new BusinessCalendar(config.businessZone());
    PaymentAssurance assurance = config.assurance().assurance(clients, config.paymentsTable(), store, config.stage(), calendar);
    return new Wiring(new OrderPayments(new DynamoDbOrderStore(clients.dynamoDb(), config.paymentsTable()), store,
        new DynamoDbCipRegistry(clients.dynamoDb(), config.paymentsTable()), new PaymentRecorder(store, Duration.ofMinutes(10), assurance),
        gateway, gateway, config.assurance().shopEvents(clients), calendar, config.settings()), journal);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      return answer(event, context);
    } finally {
      String invocation = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local-" + UUID.randomUUID();
      journal.flushQuietly(invocation).ifPresent(e -> log.println(JSON.createObjectNode().put("level", "WARN")
          .put("event", "journal_write_failed").put("requestId", invocation).put("reason", e.getMessage())));
    }
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Context context) {
    String requestId = event.getRequestContext() != null && event.getRequestContext().getRequestId() != null
        ? event.getRequestContext().getRequestId()
        : context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
        ? event.getRequestContext().getHttp().getMethod() : "";
    try {
      if ("POST".equalsIgnoreCase(method)) {
        return create(event, requestId);
      }
      if ("GET".equalsIgnoreCase(method)) {
        return status(event, requestId);
      }
      if ("DELETE".equalsIgnoreCase(method)) {
        return cancel(event, requestId);
      }
      return error(ErrorCode.METHOD_NOT_ALLOWED, "only POST /payments, GET and DELETE /payments/{orderId}", List.of(), requestId, "rejected");
    } catch (BadRequest e) {
      return error(e.code, e.getMessage(), e.fields, requestId, "rejected");
    } catch (StorageException e) {
      logFault(requestId, ErrorCode.STORAGE_UNAVAILABLE, e);
      return error(ErrorCode.STORAGE_UNAVAILABLE, "storage is unavailable, retry later", List.of(), requestId, null);
    } catch (GatewayException e) {
      logFault(requestId, ErrorCode.GATEWAY_ERROR, e);
      return error(ErrorCode.GATEWAY_ERROR, "PagoEfectivo refused or could not answer", List.of(), requestId, null);
    } catch (RuntimeException e) {
      logFault(requestId, ErrorCode.INTERNAL_ERROR, e);
      return error(ErrorCode.INTERNAL_ERROR, "internal error", List.of(), requestId, null);
    }
  }

  private APIGatewayV2HTTPResponse create(APIGatewayV2HTTPEvent event, String requestId) {
    CreatePayment cmd = decode(event);
    CreatePaymentResult result = payments.create(cmd, clock.instant());
    ObjectNode body = JSON.createObjectNode().put("orderId", cmd.orderId()).put("requestId", requestId);
    if (result instanceof CreatePaymentResult.Created c) {
      body.put("outcome", "CREATED").put("cip", c.cip()).put("cipUrl", c.cipUrl()).put("expiresAt", Timestamps.format(c.expiresAt()));
      return respond(201, body, "created", c.cip());
    }
    if (result instanceof CreatePaymentResult.Reused r) {
      body.put("outcome", "REUSED").put("cip", r.cip());
      r.expiresAt().ifPresent(e -> body.put("expiresAt", Timestamps.format(e)));
      return respond(200, body, "reused", r.cip());
    }
    if (result instanceof CreatePaymentResult.Extended x) {
      body.put("outcome", "EXTENDED").put("cip", x.cip()).put("expiresAt", Timestamps.format(x.expiresAt()));
      return respond(200, body, "extended", x.cip());
    }
    CreatePaymentResult.Refused refused = (CreatePaymentResult.Refused) result;
    ObjectNode err = errorBody(refused.code(), refused.message(), refused.fields(), requestId);
    refused.cip().ifPresent(c -> err.put("cip", c));
    refused.state().ifPresent(s -> err.put("state", s.name()));
    return respond(refused.code().httpStatus(), err, refused.code().name(), refused.cip().orElse(null));
  }

  /** {@code DELETE /payments/{orderId}}: 200 cancelled, 409 paid (with the reasons that hold it), 404 unknown. */
  private APIGatewayV2HTTPResponse cancel(APIGatewayV2HTTPEvent event, String requestId) {
    String orderId = orderId(event);
    CancelResult result = payments.cancel(orderId, clock.instant(), false);
    if (result instanceof CancelResult.Cancelled c) {
      ObjectNode body = JSON.createObjectNode().put("orderId", orderId).put("outcome", "CANCELLED");
      ArrayNode deleted = body.putArray("deleted");
      c.deleted().forEach(deleted::add);
      body.put("requestId", requestId);
      return respond(200, body, "cancelled", null);
    }
    if (result instanceof CancelResult.Paid p) {
      ObjectNode body = errorBody(ErrorCode.ORDER_ALREADY_PAID, "order " + orderId + " is paid: the payment stands", List.of(), requestId)
          .put("orderId", orderId);
      ArrayNode paid = body.putArray("paid");
      p.paid().forEach(paid::add);
      ArrayNode reasons = body.putArray("reasons");
      p.reasons().forEach(r -> reasons.add(r.name()));
      return respond(ErrorCode.ORDER_ALREADY_PAID.httpStatus(), body, ErrorCode.ORDER_ALREADY_PAID.name(), null);
    }
    return error(ErrorCode.UNKNOWN_ORDER, "no payment was requested for this order", List.of(), requestId, "unknown_order");
  }

  private static String orderId(APIGatewayV2HTTPEvent event) {
    String orderId = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("orderId")).orElse("");
    if (orderId.isBlank() || orderId.length() > 36) {
      throw new BadRequest(ErrorCode.INVALID_FIELD, "orderId must be 1 to 36 characters", List.of("orderId"));
    }
    return orderId;
  }

  private APIGatewayV2HTTPResponse status(APIGatewayV2HTTPEvent event, String requestId) {
    String orderId = orderId(event);
    Optional<OrderPayment> found = payments.status(orderId);
    if (found.isEmpty()) {
      return error(ErrorCode.UNKNOWN_ORDER, "no payment was requested for this order", List.of(), requestId, "unknown_order");
    }
    OrderPayment p = found.get();
    ObjectNode body = JSON.createObjectNode().put("orderId", p.orderId()).put("amount", p.amount().toPlainString())
        .put("currency", p.amount().currency().name()).put("status", p.status().name().toLowerCase(Locale.ROOT));
    p.currentCip().ifPresent(c -> body.put("currentCip", c));
    body.put("shippable", p.shippable());
    ArrayNode reasons = body.putArray("reasons");
    p.reasons().forEach(r -> reasons.add(r.name()));
    ArrayNode cips = body.putArray("cips");
    for (OrderPayment.CipView c : p.cips()) {
      ObjectNode n = cips.addObject().put("cip", c.cip()).put("state", c.state().name()).put("source", c.source().wireName());
      c.paid().ifPresent(m -> n.put("paidAmount", m.toPlainString()).put("paidCurrency", m.currency().name()));
      c.expiresAt().ifPresent(e -> n.put("expiresAt", Timestamps.format(e)));
      c.paidAt().ifPresent(e -> n.put("paidAt", Timestamps.format(e)));
      ArrayNode keys = n.putArray("evidenceKeys");
      c.evidenceKeys().forEach(keys::add);
    }
    body.put("requestId", requestId);
    return respond(200, body, "status", p.currentCip().orElse(null));
  }

  /** The create request, validated field by field; amounts in currency units, never cents. */
  static CreatePayment decode(APIGatewayV2HTTPEvent event) {
    String text = event.getBody() == null ? "" : event.getBody();
    if (event.getIsBase64Encoded()) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadRequest(ErrorCode.MALFORMED_JSON, "the body is not valid base64", List.of());
      }
    }
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (IOException e) {
      throw new BadRequest(ErrorCode.MALFORMED_JSON, "the body is not JSON", List.of());
    }
    if (body == null || !body.isObject()) {
      throw new BadRequest(ErrorCode.MALFORMED_JSON, "the body must be a JSON object", List.of());
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!CREATE_FIELDS.contains(f)) {
        throw new BadRequest(ErrorCode.INVALID_FIELD, "unknown field '" + f + "'", List.of(f));
      }
    }
    String orderId = text(body, "orderId", true).orElseThrow();
    String email = text(body, "userEmail", true).orElseThrow();
    Currency currency = Currency.parse(text(body, "currency", true).orElseThrow())
        .orElseThrow(() -> new BadRequest(ErrorCode.INVALID_FIELD, "currency must be PEN or USD", List.of("currency")));
    JsonNode amountNode = body.get("amount");
    if (amountNode == null || amountNode.isNull()) {
      throw new BadRequest(ErrorCode.MISSING_FIELD, "amount is required", List.of("amount"));
    }
    Optional<BigDecimal> amount = amountNode.isNumber() ? Money.toScale2(amountNode.decimalValue())
        : amountNode.isTextual() ? Money.parseAmount(amountNode.asText()) : Optional.empty();
    if (amount.isEmpty()) {
      throw new BadRequest(ErrorCode.INVALID_AMOUNT, "amount must be a decimal in currency units with at most 2 decimals", List.of("amount"));
    }
    Optional<OffsetDateTime> expiresAt = text(body, "expiresAt", false).map(t -> Timestamps.parse(t)
        .orElseThrow(() -> new BadRequest(ErrorCode.INVALID_FIELD, "expiresAt must be ISO-8601 with an offset", List.of("expiresAt"))));
    return new CreatePayment(orderId, new Money(amount.get(), currency), email, expiresAt, text(body, "paymentConcept", false));
  }

  private static Optional<String> text(JsonNode body, String field, boolean required) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new BadRequest(ErrorCode.MISSING_FIELD, field + " is required", List.of(field));
      }
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new BadRequest(ErrorCode.INVALID_FIELD, field + " must be a string", List.of(field));
    }
    return Optional.of(n.asText());
  }

  private APIGatewayV2HTTPResponse error(ErrorCode code, String message, List<String> fields, String requestId, String outcome) {
    return respond(code.httpStatus(), errorBody(code, message, fields, requestId), outcome == null ? code.name() : outcome, null);
  }

  private static ObjectNode errorBody(ErrorCode code, String message, List<String> fields, String requestId) {
    ObjectNode body = JSON.createObjectNode().put("code", code.name()).put("message", message).put("requestId", requestId);
    if (!fields.isEmpty()) {
      ArrayNode f = body.putArray("fields");
      fields.forEach(f::add);
    }
    return body;
  }

  private APIGatewayV2HTTPResponse respond(int status, ObjectNode body, String outcome, String cip) {
    ObjectNode line = JSON.createObjectNode().put("level", status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO")
        .put("event", "payments_api").put("status", status).put("outcome", outcome).put("requestId", body.path("requestId").asText());
    if (body.has("orderId")) {
      line.put("orderId", body.get("orderId").asText());
    }
    if (cip != null) {
      line.put("cip", cip);
    }
    log.println(line.toString());
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
        .withHeaders(Map.of("content-type", "application/json")).withBody(body.toString()).build();
  }

  private void logFault(String requestId, ErrorCode code, RuntimeException e) {
    log.println(JSON.createObjectNode().put("level", "ERROR").put("event", "payments_fault").put("requestId", requestId)
        .put("outcome", code.name()).put("error", e.getClass().getName()).put("detail", String.valueOf(e.getMessage())).toString());
  }

  /** Bad input: answered with its stable code, never retried. */
  static final class BadRequest extends RuntimeException {
    final ErrorCode code;
    final List<String> fields;

    BadRequest(ErrorCode code, String message, List<String> fields) {
      super(message);
      this.code = code;
      this.fields = List.copyOf(fields);
    }
  }
}
