package io.pagorecon.core.statement;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.time.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@code statement.csv} exactly as Contract 2 (docs/contracts.md) fixes it: UTF-8, header, rows by CIP. */
public final class StatementCsv {

  public static final List<String> HEADER =
      List.of("cip", "transaction_code", "amount", "currency", "status", "created_at", "expires_at", "paid_at", "removed_at");

  /** Numeric CIPs in numeric order, anything else after them. */
  public static final Comparator<String> CIP_ORDER = Comparator
      .comparing((String c) -> !c.chars().allMatch(Character::isDigit))
      .thenComparing(String::length)
      .thenComparing(Comparator.naturalOrder());

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setHeader(HEADER.toArray(String[]::new)).setRecordSeparator("\n").get();

  private StatementCsv() {}

  public static String write(List<StatementRow> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      for (StatementRow r : rows.stream().sorted(Comparator.comparing(StatementRow::cip, CIP_ORDER)).toList()) {
        printer.printRecord(
            r.cip(),
            r.transactionCode().orElse(""),
            r.amount().map(Money::toPlainString).orElse(""),
            r.amount().map(m -> m.currency().name()).orElse(""),
            r.status().name(),
            time(r.createdAt()),
            time(r.expiresAt()),
            time(r.paidAt()),
            time(r.removedAt()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String time(Optional<OffsetDateTime> t) {
    return t.map(Timestamps::format).orElse("");
  }
}
