package io.pagorecon.core.journal;

import io.pagorecon.core.Stage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The data bucket's journal keys: {@code journal/{stage}/{yyyy}/{mm}/{dd}/{HHmmssSSS}Z-{invocationId}.jsonl}. */
public final class JournalKeys {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);

  private JournalKeys() {}

  /** The folder of one Lima business date. */
  public static String dayPrefix(Stage stage, LocalDate businessDate) {
    return "journal/" + stage.wireName() + "/" + DAY.format(businessDate) + "/";
  }

  public static String key(Stage stage, LocalDate businessDate, Instant firstCall, String invocationId) {
    return dayPrefix(stage, businessDate) + TIME.format(firstCall) + "Z-" + safe(invocationId) + ".jsonl";
  }

  private static String safe(String id) {
    StringBuilder b = new StringBuilder(id.length());
    for (char c : id.toCharArray()) {
      b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ? c : '_');
    }
    return b.length() == 0 ? "_" : b.toString();
  }
}
