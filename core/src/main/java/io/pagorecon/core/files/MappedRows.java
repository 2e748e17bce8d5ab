package io.pagorecon.core.files;

import io.pagorecon.core.files.internal.CsvRecord;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.files.internal.FastParse;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.statement.XlsxSheet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Reads a CSV or .xlsx file (told apart by content: an .xlsx file is a zip) through a {@link
 * ColumnMapping}: each row is handed over as field values, and every error names the file, the
 * line and the column as the file spells it. CSV goes through the same chunked parser as Contract 2
 * files; a spreadsheet's line is its row number (1 = header).
 */
public final class MappedRows {

  /** One row's field values (trimmed text, "" when empty or absent). */
  public interface Row {
    String get(String field);

    int line();

    /** An error about a field of this row. */
    InputFileException error(String field, String problem);

    /**
     * The field as an amount in minor units ({@code 160.35} is 16035, sign allowed), {@link
     * #NOT_AN_AMOUNT} when it is empty or not a decimal amount with at most two decimals. CSV cells
     * are parsed straight from the bytes.
     */
    default long amountMinor(String field) {
      return Money.parseAmount(get(field)).map(a -> a.movePointRight(2).longValueExact()).orElse(NOT_AN_AMOUNT);
    }
  }

  /** What {@link Row#amountMinor} answers for anything that is not an amount. */
  public static final long NOT_AN_AMOUNT = FastParse.INVALID;

  /** Turns one row into a value, or null to skip it. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(Row row) throws InputFileException;
  }

  private MappedRows() {}

  public static <T> List<T> read(String file, InputStream input, ColumnMapping mapping, Set<String> required, Executor executor, int parallelism, Parser<T> parser)
      throws IOException, InputFileException {
    BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 'P' && b1 == 'K') {
      return xlsx(file, in.readAllBytes(), mapping, required, parser);
    }
    CsvTable table = CsvTable.open(file, in);
    Map<String, Integer> index = new HashMap<>();
    for (Map.Entry<String, String> e : mapping.columns().entrySet()) {
      index.put(e.getKey(), required.contains(e.getKey()) ? table.requiredColumn(e.getValue()) : table.column(e.getValue()));
    }
    return table.rows(executor, parallelism, (CsvRecord rec, CsvTable t) -> parser.parse(new Row() {
      @Override
      public String get(String field) {
        String constant = mapping.values().get(field);
        if (constant != null) {
          return constant;
        }
        Integer i = index.get(field);
        return i == null || i < 0 ? "" : rec.text(i).trim();
      }

      @Override
      public int line() {
        return rec.line();
      }

      @Override
      public long amountMinor(String field) {
        Integer i = index.get(field);
        if (mapping.values().containsKey(field) || i == null || i < 0 || rec.escaped(i)) {
          return Row.super.amountMinor(field);
        }
        return rec.isEmpty(i) ? NOT_AN_AMOUNT : FastParse.amountMinor(rec.data(), rec.start(i), rec.end(i));
      }

      @Override
      public InputFileException error(String field, String problem) {
        Integer i = index.get(field);
        return new InputFileException(file, rec.line(), i == null || i < 0 ? field : t.name(i), problem);
      }
    }));
  }

  private static <T> List<T> xlsx(String file, byte[] content, ColumnMapping mapping, Set<String> required, Parser<T> parser) throws InputFileException {
    List<Map<String, String>> rows;
    try {
      rows = XlsxSheet.rows(content);
    } catch (IllegalArgumentException e) {
      throw new InputFileException(file, 0, "file", "not a readable .xlsx workbook");
    }
    Set<String> headers = new java.util.HashSet<>();
    if (!rows.isEmpty()) {
      rows.get(0).keySet().forEach(h -> headers.add(h.trim().toLowerCase(Locale.ROOT)));
    }
    for (Map.Entry<String, String> e : mapping.columns().entrySet()) {
      if (required.contains(e.getKey()) && !headers.contains(e.getValue().toLowerCase(Locale.ROOT))) {
        throw new InputFileException(file, 1, e.getValue(), "missing column");
      }
    }
    List<T> out = new ArrayList<>();
    int line = 1;
    for (Map<String, String> raw : rows) {
      line++;
      Map<String, String> cells = new HashMap<>();
      raw.forEach((k, v) -> cells.put(k == null ? "" : k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
      int at = line;
      T value = parser.parse(new Row() {
        @Override
        public String get(String field) {
          String constant = mapping.values().get(field);
          if (constant != null) {
            return constant;
          }
          String column = mapping.columns().get(field);
          return column == null ? "" : cells.getOrDefault(column.toLowerCase(Locale.ROOT), "");
        }

        @Override
        public int line() {
          return at;
        }

        @Override
        public InputFileException error(String field, String problem) {
          return new InputFileException(file, at, mapping.columns().getOrDefault(field, field), problem);
        }
      });
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }
}
