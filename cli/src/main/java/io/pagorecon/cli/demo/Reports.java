package io.pagorecon.cli.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the findings back from a {@code discrepancies.csv} report (UTF-8 with BOM, Contract 2 columns). */
final class Reports {

  private Reports() {}

  /** The critical discrepancy with the largest amount (order or gateway, whichever is larger) that names a CIP. */
  static java.util.Optional<GroundTruth.Row> largestCritical(byte[] csv) throws IOException {
    String text = new String(csv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    GroundTruth.Row best = null;
    java.math.BigDecimal most = null;
    for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
      if (!rec.get("severity").equals("critical") || rec.get("cip").isEmpty()) {
        continue;
      }
      java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
      for (String column : List.of("order_amount", "gateway_amount")) {
        if (!rec.get(column).isEmpty()) {
          amount = amount.max(new java.math.BigDecimal(rec.get(column)));
        }
      }
      if (most == null || amount.compareTo(most) > 0) {
        most = amount;
        best = new GroundTruth.Row(rec.get("category"), rec.get("order_id"), rec.get("cip"));
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  static List<GroundTruth.Row> rows(byte[] csv) throws IOException {
    String text = new String(csv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<GroundTruth.Row> rows = new ArrayList<>();
    for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))) {
      rows.add(new GroundTruth.Row(rec.get("category"), rec.get("order_id"), rec.get("cip")));
    }
    return rows;
  }
}
