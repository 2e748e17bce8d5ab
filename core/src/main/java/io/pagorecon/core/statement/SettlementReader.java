package io.pagorecon.core.statement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.time.Timestamps;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Normalises a settlement file into statement rows through a {@link SettlementMapping}. A bad row
 * is reported with its line and field and skipped; it never fails the statement.
 */
public final class SettlementReader {

  private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"),
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]"),
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss]"));

  private final SettlementMapping mapping;

  public SettlementReader(SettlementMapping mapping) {
    this.mapping = mapping;
  }

  /** What one file yielded. */
  public record Parsed(String file, List<StatementRow> rows, List<String> errors) {}

  /** Reads a CSV file (UTF-8, a BOM tolerated, header row). */
  public Parsed readCsv(String name, byte[] content) {
    List<Map<String, String>> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(stripBom(content)), StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get().parse(reader)) {
      for (CSVRecord r : parser) {
        records.add(r.toMap());
      }
    } catch (IOException | RuntimeException e) {
      errors.add(name + ": not a readable CSV file (" + e.getClass().getSimpleName() + ")");
    }
    return normalise(name, records, errors);
  }

  /** Normalises rows already split into named cells (CSV or spreadsheet); line numbers count the header as 1. */
  public Parsed normalise(String name, List<Map<String, String>> records, List<String> priorErrors) {
    List<StatementRow> rows = new ArrayList<>();
    List<String> errors = new ArrayList<>(priorErrors);
    Map<String, String> lowerColumns = new HashMap<>();
    mapping.columns().forEach((field, column) -> lowerColumns.put(field, column.toLowerCase(Locale.ROOT)));
    int line = 1;
    for (Map<String, String> raw : records) {
      line++;
      Map<String, String> cells = new HashMap<>();
      raw.forEach((k, v) -> cells.put(k == null ? "" : k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
      String where = name + " line " + line;
      try {
        rows.add(row(cells, lowerColumns, where));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    return new Parsed(name, rows, errors);
  }

  private StatementRow row(Map<String, String> cells, Map<String, String> columns, String where) {
    String cip = cell(cells, columns, "cip");
    if (cip.isEmpty()) {
      throw new IllegalArgumentException(where + ": field cip is empty");
    }
    String statusWord = cell(cells, columns, "status");
    PaymentState status = mapping.status(statusWord)
        .orElseThrow(() -> new IllegalArgumentException(where + ": field status '" + statusWord + "' is not mapped"));
    Optional<Money> amount = Optional.empty();
    String amountText = cell(cells, columns, "amount");
    if (!amountText.isEmpty()) {
      String currencyText = cell(cells, columns, "currency");
      Currency currency = Currency.parse(currencyText)
          .orElseThrow(() -> new IllegalArgumentException(where + ": field currency '" + currencyText + "' is not PEN or USD"));
      amount = Optional.of(new Money(Money.parseAmount(amountText)
          .orElseThrow(() -> new IllegalArgumentException(where + ": field amount '" + amountText + "' is not an amount in units")), currency));
    }
    String tx = cell(cells, columns, "transaction_code");
    return new StatementRow(cip, tx.isEmpty() ? Optional.empty() : Optional.of(tx), amount, status,
        time(cells, columns, "created_at", where), time(cells, columns, "expires_at", where),
        time(cells, columns, "paid_at", where), time(cells, columns, "removed_at", where));
  }

  private static String cell(Map<String, String> cells, Map<String, String> columns, String field) {
    return cells.getOrDefault(columns.get(field), "");
  }

  private Optional<OffsetDateTime> time(Map<String, String> cells, Map<String, String> columns, String field, String where) {
    String text = cell(cells, columns, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<OffsetDateTime> withOffset = Timestamps.parse(text);
    if (withOffset.isPresent()) {
      return withOffset;
    }
    for (DateTimeFormatter f : LOCAL_FORMATS) {
      try {
        return Optional.of(LocalDateTime.parse(text, f).atZone(mapping.zone()).toOffsetDateTime());
      } catch (DateTimeParseException e) {
        // try the next accepted layout
      }
    }
    throw new IllegalArgumentException(where + ": field " + field + " '" + text + "' is not a timestamp");
  }

  private static byte[] stripBom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return java.util.Arrays.copyOfRange(b, 3, b.length);
    }
    return b;
  }
}
