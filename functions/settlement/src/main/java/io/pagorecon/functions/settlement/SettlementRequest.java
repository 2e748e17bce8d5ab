package io.pagorecon.functions.settlement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pagorecon.core.ErrorCode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ways SettlementFunction is invoked, decoded to the as-of date:
 *
 * <ul>
 *   <li>EventBridge {@code Object Created} under {@code inbox/settlements/} or {@code inbox/bank/}:
 *       as of today in Lima;
 *   <li>on demand: {@code {"asOf":"YYYY-MM-DD"}}, or {@code {}} for today.
 * </ul>
 *
 * Anything else is a rejection with a stable code (never retried).
 */
record SettlementRequest(Optional<LocalDate> asOf, String trigger, Optional<ErrorCode> code, String message) {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ZoneId LIMA = ZoneId.of("America/Lima");

  static SettlementRequest decode(byte[] event, Instant now) {
    Object tree;
    try (JsonParser p = JSON.createParser(event)) {
      tree = p.nextToken() == null ? null : value(p);
    } catch (IOException e) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not JSON");
    }
    if (!(tree instanceof Map<?, ?> n)) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not a JSON object");
    }
    LocalDate today = now.atZone(LIMA).toLocalDate();
    if ("aws.s3".equals(n.get("source")) || n.containsKey("detail-type")) {
      if (!"Object Created".equals(text(n, "detail-type"))) {
        return reject(ErrorCode.INVALID_FIELD, "detail-type must be \"Object Created\"");
      }
      String key = text(n, "detail", "object", "key");
      if (!key.startsWith("inbox/settlements/") && !key.startsWith("inbox/bank/")) {
        return reject(ErrorCode.INVALID_FIELD, "detail.object.key is not under inbox/settlements/ or inbox/bank/: " + truncate(key));
      }
      return new SettlementRequest(Optional.of(today), key.startsWith("inbox/bank/") ? "bank_landed" : "settlement_landed", Optional.empty(), "");
    }
    if (n.containsKey("asOf")) {
      if (!(n.get("asOf") instanceof String d)) {
        return reject(ErrorCode.INVALID_FIELD, "asOf must be a string YYYY-MM-DD");
      }
      try {
        return new SettlementRequest(Optional.of(LocalDate.parse(d)), "on_demand", Optional.empty(), "");
      } catch (DateTimeException e) {
        return reject(ErrorCode.INVALID_FIELD, "asOf is not a date YYYY-MM-DD: " + truncate(d));
      }
    }
    if (n.isEmpty()) {
      return new SettlementRequest(Optional.of(today), "on_demand", Optional.empty(), "");
    }
    return reject(ErrorCode.MISSING_FIELD, "expected {\"asOf\":\"YYYY-MM-DD\"}, {} or an S3 Object Created event");
  }

  /** A JSON value as plain Java (jackson-core only: no databind in this jar): objects as maps (the last of a repeated key wins), arrays as lists, strings as strings, other scalars as their text. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> m = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        m.put(name, value(p));
      }
      return m;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> l = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        l.add(value(p));
      }
      return l;
    }
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    return new Scalar(p.getText());
  }

  /** A number, boolean or null: never a string. */
  private record Scalar(String text) {}

  /** The text of a string or scalar at {@code path}, else "". */
  private static String text(Object node, String... path) {
    Object n = node;
    for (String k : path) {
      n = n instanceof Map<?, ?> m ? m.get(k) : null;
    }
    return n instanceof String s ? s : n instanceof Scalar x ? x.text() : "";
  }

  private static SettlementRequest reject(ErrorCode code, String message) {
    return new SettlementRequest(Optional.empty(), "rejected", Optional.of(code), message);
  }

  private static String truncate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
