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
