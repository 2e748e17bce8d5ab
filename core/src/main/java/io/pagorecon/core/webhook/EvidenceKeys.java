package io.pagorecon.core.webhook;

import io.pagorecon.core.Stage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The data bucket's evidence keys (docs/data-model.md). Deterministic in the body, so a redelivery
 * or a retry after a failed write lands on the same record and never leaves a second copy (a
 * verified notification's record is keyed by its receipt hour too: one delivered again in another
 * hour is kept again, as what it is, a second delivery).
 */
public final class EvidenceKeys {

  private EvidenceKeys() {}

  /** {@code raw/{stage}/{yyyy}/{mm}/{dd}/{cip}/{eventType}-{sha256(body)[0:16]}.json}. */
  public static String raw(Stage stage, LocalDate businessDate, String cip, String eventType, byte[] body) {
    return "raw/" + stage.wireName() + "/" + datePath(businessDate) + "/" + safe(cip) + "/" + safe(eventType) + "-"
        + digest(body) + ".json";
  }

  /** Where a verified notification's bytes go: the hourly batch of its receipt hour (UTC), then the record. */
  public static final String BATCH_MARK = ".jsonl.gz#";

  /**
   * {@code evidence/{stage}/batches/{yyyy}/{mm}/{dd}/{HH}.jsonl.gz#{cip}/{eventType}-{sha256(body)[0:16]}}: the
   * batch object of the UTC hour of receipt ({@link #batchObject}), a {@code #}, and the record's id in it.
   * The same bytes delivered again within the hour land on the same record.
   */
  public static String batched(Stage stage, Instant receivedAt, String cip, String eventType, byte[] body) {
    return batchObject(stage, receivedAt) + "#" + safe(cip) + "/" + safe(eventType) + "-" + digest(body);
  }

  /** {@code evidence/{stage}/batches/{yyyy}/{mm}/{dd}/{HH}.jsonl.gz}: one object per UTC hour of receipt. */
  public static String batchObject(Stage stage, Instant anyTimeInTheHour) {
    LocalDateTime t = LocalDateTime.ofInstant(anyTimeInTheHour, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder("evidence/").append(stage.wireName()).append("/batches/")
        .append(datePath(t.toLocalDate())).append('/');
    return two(b, t.getHour()).append(".jsonl.gz").toString();
  }

  /** {@code evidence/{stage}/batches/{yyyy}/{mm}/{dd}/}: the prefix of one UTC day's hourly batch objects. */
  public static String batchDay(Stage stage, LocalDate utcDay) {
    return "evidence/" + stage.wireName() + "/batches/" + datePath(utcDay) + "/";
  }

  /** True for keys {@link #batched} made (a record inside an hourly batch), false for whole objects. */
  public static boolean isBatched(String key) {
    return key.contains(BATCH_MARK);
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
