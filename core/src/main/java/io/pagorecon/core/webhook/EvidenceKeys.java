package io.pagorecon.core.webhook;

import io.pagorecon.core.Stage;
import java.time.LocalDate;

/**
 * The data bucket's evidence keys (docs/data-model.md). Deterministic in the body, so a redelivery
 * or a retry after a failed write lands on the same object and never leaves a second copy.
 */
public final class EvidenceKeys {

  private EvidenceKeys() {}

  /** {@code raw/{stage}/{yyyy}/{mm}/{dd}/{cip}/{eventType}-{sha256(body)[0:16]}.json}. */
  public static String raw(Stage stage, LocalDate businessDate, String cip, String eventType, byte[] body) {
    return "raw/" + stage.wireName() + "/" + datePath(businessDate) + "/" + safe(cip) + "/" + safe(eventType) + "-"
        + digest(body) + ".json";
  }

  /** {@code rejected/{stage}/{yyyy}/{mm}/{dd}/{sha256(body)[0:16]}.json}. */
  public static String rejected(Stage stage, LocalDate receivedDate, byte[] body) {
    return "rejected/" + stage.wireName() + "/" + datePath(receivedDate) + "/" + digest(body) + ".json";
  }

  // by hand: String.format costs more than the rest of a warm notification (docs/performance.md)
  private static String datePath(LocalDate d) {
    StringBuilder b = new StringBuilder(10);
    int y = d.getYear();
    if (y >= 0 && y < 1000) {
      b.append(y < 10 ? "000" : y < 100 ? "00" : "0");
    }
    b.append(y).append('/');
    two(b, d.getMonthValue()).append('/');
    return two(b, d.getDayOfMonth()).toString();
  }

  private static StringBuilder two(StringBuilder b, int v) {
    return (v < 10 ? b.append('0') : b).append(v);
  }

  private static String digest(byte[] body) {
    return Signatures.sha256Hex(body).substring(0, 16);
  }

  /** Event types come from the sender: keep key segments to a safe alphabet. */
  static String safe(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
      out.append(ok ? c : '_');
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
