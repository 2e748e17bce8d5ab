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

  /**
   * The critical discrepancies that name a CIP, largest amount first (order or gateway amount,
   * whichever is larger; report order among equal amounts).
   */
  static List<GroundTruth.Row> criticalByAmount(byte[] csv) throws IOException {
    String text = new String(csv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    record Ranked(GroundTruth.Row row, java.math.BigDecimal amount) {}
    List<Ranked> ranked = new ArrayList<>();
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
      ranked.add(new Ranked(new GroundTruth.Row(rec.get("category"), rec.get("order_id"), rec.get("cip")), amount));
    }
    ranked.sort(java.util.Comparator.comparing(Ranked::amount).reversed());
    return ranked.stream().map(Ranked::row).toList();
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
