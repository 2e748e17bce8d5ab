package io.pagorecon.functions.reconcile;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.Stage;
import io.pagorecon.core.json.PlainJson;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three ways ReconcileFunction is invoked, decoded to one business date:
 *
 * <ul>
 *   <li>EventBridge {@code Object Created} for {@code statements/{stage}/{yyyy}/{mm}/{dd}/manifest.json};
 *   <li>on demand: {@code {"businessDate":"YYYY-MM-DD"}};
 *   <li>the schedule fallback: {@code {"trigger":"schedule"}}, meaning yesterday in the business zone.
 * </ul>
 *
 * Anything else is a rejection with a stable code (never retried: it cannot get better).
 */
record ReconcileRequest(Optional<LocalDate> date, String trigger, Optional<ErrorCode> code, String message) {

  private static final Pattern MANIFEST = Pattern.compile("statements/([a-z]+)/(\\d{4})/(\\d{2})/(\\d{2})/manifest\\.json");

  static ReconcileRequest decode(byte[] event, Stage stage, ZoneId zone, Instant now) {
    Object tree;
    try {
      tree = PlainJson.parse(event);
    } catch (IOException e) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not JSON");
    }
    if (!(tree instanceof Map<?, ?> n)) {
      return reject(ErrorCode.MALFORMED_JSON, "the event is not a JSON object");
    }
    if ("aws.s3".equals(n.get("source")) || n.containsKey("detail-type")) {
      return fromS3Event(n, stage);
    }
    if (n.containsKey("businessDate")) {
      if (!(n.get("businessDate") instanceof String d)) {
        return reject(ErrorCode.INVALID_FIELD, "businessDate must be a string YYYY-MM-DD");
      }
      return date(d, "on_demand");
    }
    if (n.containsKey("trigger")) {
      if (!"schedule".equals(n.get("trigger"))) {
        return reject(ErrorCode.INVALID_FIELD, "trigger must be \"schedule\"");
      }
      LocalDate yesterday = now.atZone(zone).toLocalDate().minusDays(1);
      return new ReconcileRequest(Optional.of(yesterday), "schedule", Optional.empty(), "");
    }
    return reject(ErrorCode.MISSING_FIELD, "expected {\"businessDate\":\"YYYY-MM-DD\"}, {\"trigger\":\"schedule\"} or an S3 Object Created event");
  }

  private static ReconcileRequest fromS3Event(Map<?, ?> n, Stage stage) {
    if (!"Object Created".equals(PlainJson.text(n, "detail-type"))) {
      return reject(ErrorCode.INVALID_FIELD, "detail-type must be \"Object Created\"");
    }
    String key = PlainJson.text(n, "detail", "object", "key");
    Matcher m = MANIFEST.matcher(key);
    if (!m.matches()) {
      return reject(ErrorCode.INVALID_FIELD, "detail.object.key is not a statement manifest: " + truncate(key));
    }
    if (!m.group(1).equals(stage.wireName())) {
      return reject(ErrorCode.INVALID_FIELD, "the manifest belongs to stage " + m.group(1) + ", this stack serves " + stage.wireName());
    }
    return date(m.group(2) + "-" + m.group(3) + "-" + m.group(4), "statement_landed");
  }

  private static ReconcileRequest date(String text, String trigger) {
    try {
      return new ReconcileRequest(Optional.of(LocalDate.parse(text)), trigger, Optional.empty(), "");
    } catch (DateTimeException e) {
      return reject(ErrorCode.INVALID_FIELD, "businessDate is not a date YYYY-MM-DD: " + truncate(text));
    }
  }

  private static ReconcileRequest reject(ErrorCode code, String message) {
    return new ReconcileRequest(Optional.empty(), "rejected", Optional.of(code), message);
  }

  private static String truncate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
