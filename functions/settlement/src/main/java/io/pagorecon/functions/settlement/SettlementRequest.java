package io.pagorecon.functions.settlement;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.json.PlainJson;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

  private static final ZoneId LIMA = ZoneId.of("America/Lima");

  static SettlementRequest decode(byte[] event, Instant now) {
    Object tree;
    try {
      tree = PlainJson.parse(event);
    } catch (IOException e) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not JSON");
    }
    if (!(tree instanceof Map<?, ?> n)) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not a JSON object");
    }
    LocalDate today = now.atZone(LIMA).toLocalDate();
    if ("aws.s3".equals(n.get("source")) || n.containsKey("detail-type")) {
      if (!"Object Created".equals(PlainJson.text(n, "detail-type"))) {
        return reject(ErrorCode.INVALID_FIELD, "detail-type must be \"Object Created\"");
      }
      String key = PlainJson.text(n, "detail", "object", "key");
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

  private static SettlementRequest reject(ErrorCode code, String message) {
    return new SettlementRequest(Optional.empty(), "rejected", Optional.of(code), message);
  }

  private static String truncate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
