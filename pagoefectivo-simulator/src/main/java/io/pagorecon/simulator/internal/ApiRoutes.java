package io.pagorecon.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pagorecon.simulator.ApiCall;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.CipView;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** The {@code /v1} surface, as docs/pagoefectivo.md describes it ("API" sections, simulator items 1–8). */
public final class ApiRoutes implements HttpHandler {

  private static final Pattern CIP_PATH = Pattern.compile("^/v1/cips/([0-9]{1,14})$");
  private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
  private static final Set<String> DOCUMENT_TYPES = Set.of("DNI", "PAR", "PAS", "LMI", "NAN", "CE");
  private static final int MAX_SEARCH = 5;
  private static final String BEARER = "Bearer ";

  private final SimulatorConfig config;
  private final Clock clock;
  private final CipBook book;
  private final Tokens tokens;
  private final FaultScript faults;
  private final Replies replies;
  private final List<ApiCall> calls = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  public ApiRoutes(SimulatorConfig config, Clock clock, CipBook book, Tokens tokens, FaultScript faults) {
    this.config = config;
    this.clock = clock;
    this.book = book;
    this.tokens = tokens;
    this.faults = faults;
    this.replies = new Replies(config.codeAsString(), config.errorDataAsObject());
  }

  private record Reply(int status, byte[] body, String contentType) {
    static Reply json(int status, JsonNode node) {
      try {
        return new Reply(status, Wire.JSON.writeValueAsBytes(node), "application/json; charset=utf-8");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply empty(int status) {
      return new Reply(status, new byte[0], null);
    }
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = ex.getRequestURI().getPath();
    Instant at = clock.instant();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    try {
      byte[] raw = ex.getRequestBody().readAllBytes();
      String body = new String(raw, StandardCharsets.UTF_8);
      Optional<ApiFault> fault = faults.next(path);
      Reply reply;
      if (fault.isPresent() && fault.get() == ApiFault.TIMEOUT_AFTER_COMMIT) {
        route(method, path, raw, headers);
        // Carried out, answer lost: logged with status 0 like a plain timeout.
        synchronized (calls) {
          calls.add(new ApiCall(at, method, path, headers, body, 0));
        }
        pause(config.timeoutHold());
        return;
      }
      if (fault.isPresent() && fault.get() != ApiFault.SLOW && fault.get() != ApiFault.TRUNCATED_JSON) {
        reply = faultReply(fault.get(), headers);
        if (reply == null) {
          // No answer at all: the client's read timeout must fire. Logged with status 0.
          synchronized (calls) {
            calls.add(new ApiCall(at, method, path, headers, body, 0));
          }
          pause(config.timeoutHold());
          return;
        }
      } else {
        if (fault.isPresent() && fault.get() == ApiFault.SLOW) {
          pause(config.slowResponseDelay());
        }
        reply = route(method, path, raw, headers);
        if (fault.isPresent() && fault.get() == ApiFault.TRUNCATED_JSON && reply.body.length > 1) {
          reply = new Reply(reply.status, java.util.Arrays.copyOf(reply.body, reply.body.length / 2), reply.contentType);
        }
      }
      int status = reply.status;
      // Logged before answering, so a caller that got the answer always finds its call here.
      synchronized (calls) {
        calls.add(new ApiCall(at, method, path, headers, body, status));
      }
      if (reply.contentType != null) {
        ex.getResponseHeaders().set("Content-Type", reply.contentType);
      }
      // An id support can look a call up by [assumed: PagoEfectivo's header name is not documented].
      ex.getResponseHeaders().set("X-Correlation-Id", java.util.UUID.randomUUID().toString());
      if (reply.body.length == 0) {
        ex.sendResponseHeaders(reply.status, -1);
      } else {
        ex.sendResponseHeaders(reply.status, reply.body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(reply.body);
        }
      }
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Reply faultReply(ApiFault fault, Map<String, List<String>> headers) {
    boolean en = Replies.english(first(headers, "accept-language"));
    switch (fault) {
      case SERVER_ERROR:
        return Reply.json(500, replies.envelope(166, en));
      case SERVICE_UNAVAILABLE:
        return Reply.empty(503);
      case TOO_MANY_REQUESTS:
        return Reply.empty(429);
      case WRONG_CONTENT_TYPE:
        return new Reply(200, "<html><body>Service temporarily unavailable</body></html>".getBytes(StandardCharsets.UTF_8),
            "text/html; charset=utf-8");
      case TOKEN_SERVICE_MISMATCH:
        return Reply.json(400, replies.envelope(508, en));
      case IP_NOT_ALLOWED:
        return new Reply(403, "<html><body><h2>403 - Forbidden: Access is denied.</h2></body></html>".getBytes(StandardCharsets.UTF_8),
            "text/html; charset=utf-8");
      case UNAUTHORIZED:
        return Reply.json(401, Wire.object().put("Message", "Authorization has been denied for this request."));
      case TIMEOUT:
      default:
        return null;
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private Reply route(String method, String path, byte[] raw, Map<String, List<String>> headers) {
    boolean en = Replies.english(first(headers, "accept-language"));
    if (path.equals("/v1/authorizations") && method.equals("POST")) {
      return authorize(raw, en);
    }
    boolean known = path.equals("/v1/cips") || path.equals("/v1/cips/search") || CIP_PATH.matcher(path).matches();
    if (!known) {
      return Reply.empty(404);
    }
    if (!authorized(first(headers, "authorization"))) {
      ObjectNode denied = Wire.object().put("Message", "Authorization has been denied for this request.");
      return Reply.json(401, denied);
    }
    if (path.equals("/v1/cips") && method.equals("POST")) {
      return create(raw, en);
    }
    if (path.equals("/v1/cips/search") && method.equals("POST")) {
      return search(raw, en);
    }
    var m = CIP_PATH.matcher(path);
    if (m.matches() && method.equals("PATCH")) {
      return patch(Long.parseLong(m.group(1)), raw, en);
    }
    if (m.matches() && method.equals("DELETE")) {
      return delete(Long.parseLong(m.group(1)), en);
    }
    return Reply.empty(405);
  }

  private boolean authorized(String header) {
    // The auth scheme is case-insensitive (RFC 7235 §2.1): "bearer" and "BEARER" work too.
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return tokens.valid(header.substring(BEARER.length()), clock.instant());
  }

  private Optional<JsonNode> readObject(byte[] raw) {
    try {
      JsonNode n = Wire.JSON.readTree(raw);
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Reply invalid(boolean en, List<Replies.FieldError> errors) {
    return Reply.json(400, replies.validation(errors, en));
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return null;
    }
    return n.asText();
  }

  // ---- authorizations ----

  private Reply authorize(byte[] raw, boolean en) {
    Optional<JsonNode> body = readObject(raw);
    if (body.isEmpty()) {
      return invalid(en, List.of(new Replies.FieldError(113, "request")));
    }
    Map<String, JsonNode> f = Wire.caseInsensitive(body.get());
    List<Replies.FieldError> errors = new ArrayList<>();
    String accessKey = text(f.get("accesskey"));
    String idService = text(f.get("idservice"));
    String dateRequest = text(f.get("daterequest"));
    String hash = text(f.get("hashstring"));
    requireText(errors, "accessKey", accessKey);
    requireText(errors, "idService", idService);
    requireText(errors, "dateRequest", dateRequest);
    requireText(errors, "hashString", hash);
    if (!errors.isEmpty()) {
      return invalid(en, errors);
    }
    if (!accessKey.equals(config.accessKey())) {
      errors.add(new Replies.FieldError(113, "accessKey"));
    }
    if (!idService.equals(config.idService())) {
      errors.add(new Replies.FieldError(113, "idService"));
    }
    Optional<OffsetDateTime> date = dateRequest.length() <= 25 ? Wire.parseDate(dateRequest) : Optional.empty();
    if (date.isEmpty() || Duration.between(date.get().toInstant(), clock.instant()).abs().compareTo(config.clockSkewTolerance()) > 0) {
      errors.add(new Replies.FieldError(113, "dateRequest"));
    }
    String expected = sha256(config.idService() + "." + config.accessKey() + "." + config.secretKey() + "." + dateRequest);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
      errors.add(new Replies.FieldError(113, "hashString"));
    }
    if (!errors.isEmpty()) {
      return invalid(en, errors);
    }
    OffsetDateTime start = Wire.limaNow(clock);
    OffsetDateTime expires = start.plus(config.tokenTtl());
    ObjectNode data = Wire.object();
    data.put("token", tokens.issue(config.codeService(), config.idService(), expires.toInstant()));
    data.put("codeService", config.codeService());
    data.put("tokenStart", Wire.format(start));
    data.put("tokenExpires", Wire.format(expires));
    return Reply.json(201, replies.success(data, en));
  }

  private static void requireText(List<Replies.FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new Replies.FieldError(112, field));
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- cips ----

  private Reply create(byte[] raw, boolean en) {
    Optional<JsonNode> body = readObject(raw);
    if (body.isEmpty()) {
      return invalid(en, List.of(new Replies.FieldError(113, "request")));
    }
    Map<String, JsonNode> f = Wire.caseInsensitive(body.get());
    List<Replies.FieldError> errors = new ArrayList<>();

    String currency = text(f.get("currency"));
    if (currency == null || currency.isBlank()) {
      errors.add(new Replies.FieldError(112, "currency"));
    } else if (!currency.equals("PEN") && !currency.equals("USD")) {
      errors.add(new Replies.FieldError(113, "currency"));
    }
    BigDecimal amount = null;
    JsonNode a = f.get("amount");
    if (a == null || a.isNull() || (a.isTextual() && a.asText().isBlank())) {
      errors.add(new Replies.FieldError(112, "amount"));
    } else {
      amount = amount(a);
      if (amount == null) {
        errors.add(new Replies.FieldError(113, "amount"));
      }
    }
    String transactionCode = text(f.get("transactioncode"));
    length(errors, "transactionCode", transactionCode, 36, true);
    String userEmail = text(f.get("useremail"));
    length(errors, "userEmail", userEmail, 100, true);
    if (userEmail != null && !userEmail.isBlank() && !userEmail.contains("@")) {
      errors.add(new Replies.FieldError(113, "userEmail"));
    }
    OffsetDateTime expiry = null;
    String dateExpiry = text(f.get("dateexpiry"));
    if (dateExpiry != null && !dateExpiry.isBlank()) {
      expiry = Wire.parseDate(dateExpiry).orElse(null);
      if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
        errors.add(new Replies.FieldError(113, "dateExpiry"));
      }
    }
    length(errors, "paymentConcept", text(f.get("paymentconcept")), 50, false);
    length(errors, "additionalData", text(f.get("additionaldata")), 200, false);
    String adminEmail = text(f.get("adminemail"));
    length(errors, "adminEmail", adminEmail, 100, false);
    length(errors, "userName", text(f.get("username")), 30, false);
    length(errors, "userLastName", text(f.get("userlastname")), 30, false);
    String docType = text(f.get("userdocumenttype"));
    if (docType != null && !DOCUMENT_TYPES.contains(docType)) {
      errors.add(new Replies.FieldError(113, "userDocumentType"));
    }
    length(errors, "userDocumentNumber", text(f.get("userdocumentnumber")), 14, false);
    String phone = text(f.get("userphone"));
    if (phone != null && (phone.length() > 15 || !DIGITS.matcher(phone).matches())) {
      errors.add(new Replies.FieldError(113, "userPhone"));
    }
    length(errors, "userCodeCountry", text(f.get("usercodecountry")), 5, false);
    String ubigeo = text(f.get("userubigeo"));
    if (ubigeo != null && !ubigeo.matches("^[0-9]{6}$")) {
      errors.add(new Replies.FieldError(113, "userUbigeo"));
    }
    length(errors, "userCountry", text(f.get("usercountry")), 20, false);
    JsonNode serviceId = f.get("serviceid");
    if (serviceId != null && !serviceId.isNull() && !serviceId.canConvertToLong() && !DIGITS.matcher(serviceId.asText()).matches()) {
      errors.add(new Replies.FieldError(113, "serviceId"));
    }
    if (errors.isEmpty() && config.rejectDuplicateTransactionCode() && book.knowsTransactionCode(transactionCode)) {
      errors.add(new Replies.FieldError(113, "transactionCode"));
    }
    if (!errors.isEmpty()) {
      return invalid(en, errors);
    }
    if (amount.compareTo(config.maxAmount()) > 0) {
      return Reply.json(400, replies.envelope(511, en));
    }
    if (expiry == null) {
      expiry = Wire.limaNow(clock).plus(config.defaultExpiry());
    }
    CipView cip = book.create(transactionCode, currency, amount, Wire.toLima(expiry).withNano(0));
    ObjectNode data = Wire.object();
    data.put("cip", cip.cip());
    data.put("currency", cip.currency());
    data.put("amount", Wire.wireAmount(cip.amount()));
    data.put("transactionCode", cip.transactionCode());
    data.put("dateExpiry", Wire.format(cip.dateExpiry()));
    data.put("cipUrl", cip.cipUrl());
    return Reply.json(201, replies.success(data, en));
  }

  private static BigDecimal amount(JsonNode a) {
    BigDecimal v;
    if (a.isNumber()) {
      v = a.decimalValue();
    } else if (a.isTextual() && a.asText().trim().matches("^[0-9]+(\\.[0-9]+)?$")) {
      v = new BigDecimal(a.asText().trim());
    } else {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    if (v.signum() <= 0 || s.scale() > 2 || s.precision() - s.scale() > 16) {
      return null;
    }
    return v.setScale(2);
  }

  private static void length(List<Replies.FieldError> errors, String field, String value, int max, boolean required) {
    if (value == null || (required && value.isBlank())) {
      if (required) {
        errors.add(new Replies.FieldError(112, field));
      }
      return;
    }
    if (value.isEmpty() || value.length() > max) {
      errors.add(new Replies.FieldError(113, field));
    }
  }

  private Reply search(byte[] raw, boolean en) {
    Optional<JsonNode> body = readObject(raw);
    JsonNode data = body.map(b -> Wire.caseInsensitive(b).get("data")).orElse(null);
    if (data == null || !data.isArray() || data.isEmpty()) {
      return invalid(en, List.of(new Replies.FieldError(112, "data")));
    }
    if (config.strictSearchLimit() && data.size() > MAX_SEARCH) {
      return invalid(en, List.of(new Replies.FieldError(113, "data")));
    }
    ArrayNode out = Wire.JSON.createArrayNode();
    for (JsonNode item : data) {
      JsonNode c = Wire.caseInsensitive(item).get("cip");
      String text = text(c);
      if (text == null || !DIGITS.matcher(text).matches() || text.length() > 14) {
        return invalid(en, List.of(new Replies.FieldError(113, "cip")));
      }
      // A CIP the service does not know is left out of the answer [assumed].
      book.find(Long.parseLong(text)).ifPresent(v -> out.add(searchItem(v)));
    }
    return Reply.json(200, replies.success(out, en));
  }

  private ObjectNode searchItem(CipView v) {
    ObjectNode n = Wire.object();
    n.put("cip", v.cip());
    n.put("currency", v.currency());
    n.put("amount", Wire.wireAmount(v.amount()));
    n.put("transactionCode", v.transactionCode());
    n.put("status", v.status());
    n.put("statusName", v.statusName());
    n.put("dateCreation", Wire.format(v.dateCreation()));
    n.put("dateExpiry", Wire.format(v.dateExpiry()));
    putDate(n, "datePayment", v.datePayment());
    putDate(n, "dateRemoval", v.dateRemoval());
    return n;
  }

  private void putDate(ObjectNode n, String name, Optional<OffsetDateTime> date) {
    if (date.isPresent()) {
      n.put(name, Wire.format(date.get()));
      return;
    }
    switch (config.absentDateStyle()) {
      case NULL:
        n.putNull(name);
        break;
      case EMPTY_STRING:
        n.put(name, "");
        break;
      case MISSING:
      default:
        break;
    }
  }

  private Reply patch(long cip, byte[] raw, boolean en) {
    Optional<JsonNode> body = readObject(raw);
    String date = body.map(b -> text(Wire.caseInsensitive(b).get("dateexpiry"))).orElse(null);
    if (date == null || date.isBlank()) {
      return invalid(en, List.of(new Replies.FieldError(112, "dateExpiry")));
    }
    Optional<OffsetDateTime> expiry = Wire.parseDate(date);
    if (expiry.isEmpty() || !expiry.get().toInstant().isAfter(clock.instant())) {
      return invalid(en, List.of(new Replies.FieldError(113, "dateExpiry")));
    }
    CipBook.Change change = book.changeExpiry(cip, Wire.toLima(expiry.get()).withNano(0));
    if (!change.accepted()) {
      return invalid(en, List.of(new Replies.FieldError(113, "cip")));
    }
    ObjectNode data = Wire.object();
    data.put("cip", cip);
    data.put("dateExpiry", Wire.format(change.cip().get().dateExpiry()));
    return Reply.json(200, replies.success(data, en));
  }

  private Reply delete(long cip, boolean en) {
    CipBook.Change change = book.delete(cip);
    if (!change.accepted()) {
      return invalid(en, List.of(new Replies.FieldError(113, "cip")));
    }
    ObjectNode data = Wire.object();
    data.put("cip", cip);
    return Reply.json(200, replies.success(data, en));
  }

  // ---- inspection ----

  public List<ApiCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Switches the legitimate shape variants at run time (§12 item 20). */
  public void shapeVariants(boolean codeAsString, boolean errorDataAsObject) {
    replies.variants(codeAsString, errorDataAsObject);
  }

  public int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  public void resetLog() {
    synchronized (calls) {
      calls.clear();
    }
    maxInFlight.set(0);
  }
}
