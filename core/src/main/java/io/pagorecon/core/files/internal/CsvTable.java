package io.pagorecon.core.files.internal;

import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.Times;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * A CSV file with a header row, read in parallel chunks. Columns are found by name
 * (case-insensitive, any order, extra columns ignored); every error names the file, the physical
 * line and the column as the header spells it.
 */
public final class CsvTable {

  /** Turns one record into a value, or null to skip it. */
  @FunctionalInterface
  public interface RowParser<T> {
    T parse(CsvRecord record, CsvTable table) throws InputFileException;
  }

  public static final int CHUNK_SIZE = 4 << 20;

  private final String file;
  private final List<String> columns = new ArrayList<>();
  private final ChunkReader reader;

  private CsvTable(String file, ChunkReader reader) {
    this.file = file;
    this.reader = reader;
  }

  /** Opens the stream and reads its header; an empty file is an error. */
  public static CsvTable open(String file, InputStream in) throws IOException, InputFileException {
    ChunkReader reader = new ChunkReader(in, CHUNK_SIZE, true);
    CsvTable table = new CsvTable(file, reader);
    byte[] header = reader.header();
    if (header == null || header.length == 0) {
      throw new InputFileException(file, 1, "header", "the file is empty; expected a header row");
    }
    CsvRecord rec = new CsvRecord();
    rec.read(header, 0, header.length, new int[] {1});
    if (rec.error() != null) {
      throw new InputFileException(file, 1, "header", rec.error());
    }
    for (int i = 0; i < rec.size(); i++) {
      table.columns.add(rec.text(i).trim());
    }
    return table;
  }

  /** Index of the column, -1 when absent. */
  public int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  /** Index of a column the file must have. */
  public int requiredColumn(String name) throws InputFileException {
    int i = column(name);
    if (i < 0) {
      throw new InputFileException(file, 1, name, "missing column (the header is " + String.join(",", columns) + ")");
    }
    return i;
  }

  public String file() {
    return file;
  }

  public String name(int column) {
    return column >= 0 && column < columns.size() ? columns.get(column) : "column " + (column + 1);
  }

  public <T> List<T> rows(Executor executor, int parallelism, RowParser<T> parser) throws IOException, InputFileException {
    List<T> all = new ArrayList<>();
    readBlocks(executor, parallelism, n -> new ArrayList<T>(n), (rec, table, out) -> {
      T value = parser.parse(rec, table);
      if (value != null) {
        out.add(value);
      }
    }, block -> { }, all::addAll);
    return all;
  }

  /** Adds one record to a block of its own chunk. */
  @FunctionalInterface
  public interface RecordSink<B> {
    void add(CsvRecord record, CsvTable table, B block) throws InputFileException;
  }

  /**
   * Reads the records chunk by chunk in parallel, each chunk into a new block ({@code newBlock}
   * gets an estimate of its records), {@code finish}es each block on the parsing thread and hands
   * the blocks to {@code merge} in file order.
   */
  public <B> void readBlocks(Executor executor, int parallelism, IntFunction<B> newBlock, RecordSink<B> parser, ParallelChunks.Sink<B> finish,
      ParallelChunks.Sink<B> merge) throws IOException, InputFileException {
    ParallelChunks.parseBlocks(
        reader,
        executor,
        Math.max(2, parallelism * 2),
        chunk -> {
          B block = newBlock.apply(chunk.length() / 64 + 16);
          CsvRecord rec = new CsvRecord();
          int[] line = {chunk.firstLine()};
          int pos = 0;
          byte[] data = chunk.data();
          while (pos < chunk.length()) {
            pos = rec.read(data, pos, chunk.length(), line);
            if (rec.blank()) {
              continue;
            }
            if (rec.error() != null) {
              throw error(rec, rec.errorField(), rec.error());
            }
            if (rec.size() < columns.size()) {
              throw error(rec, rec.size(), "missing: the line has " + rec.size() + " fields, the header " + columns.size());
            }
            if (rec.size() > columns.size()) {
              throw new InputFileException(file, rec.line(), "line", "the line has " + rec.size() + " fields, the header " + columns.size());
            }
            parser.add(rec, this, block);
          }
          finish.accept(block);
          return block;
        },
        merge);
  }

  public InputFileException error(CsvRecord rec, int column, String problem) {
    return new InputFileException(file, rec.line(), name(column), problem);
  }

  private InputFileException invalid(CsvRecord rec, int column, String what) {
    return error(rec, column, InputFileException.quote(rec.text(column)) + " " + what);
  }

  /** Text of a column that must not be empty. */
  public String requiredText(CsvRecord rec, int column) throws InputFileException {
    if (rec.isEmpty(column)) {
      throw error(rec, column, "required");
    }
    String text = rec.text(column);
    if (text.isBlank()) {
      throw error(rec, column, "required");
    }
    return text;
  }

  /**
   * Bounds {@code [start, end)} in {@link CsvRecord#data()} of the text {@link #requiredText} would
   * give, packed as {@code start << 32 | end}, or -1 when only the decoded text can say (a quoted
   * field with doubled quotes, non-ASCII or space-only bytes): then call {@link #requiredText}.
   */
  public static long plainBounds(CsvRecord rec, int column) {
    if (rec.escaped(column)) {
      return -1;
    }
    byte[] d = rec.data();
    int s = rec.start(column);
    int e = rec.end(column);
    boolean visible = false;
    for (int k = s; k < e; k++) {
      if (d[k] < 0) {
        return -1;
      }
      visible |= d[k] > ' ';
    }
    return visible ? ((long) s << 32) | e : -1;
  }

  /** Like {@link #plainBounds} for {@link #optionalText} (trimmed); -2 when that gives null. */
  public static long plainTrimmedBounds(CsvRecord rec, int column) {
    if (column < 0 || rec.isEmpty(column)) {
      return -2;
    }
    if (rec.escaped(column)) {
      return -1;
    }
    byte[] d = rec.data();
    int s = rec.start(column);
    int e = rec.end(column);
    for (int k = s; k < e; k++) {
      if (d[k] < 0) {
        return -1;
      }
    }
    while (s < e && d[s] <= ' ') {
      s++;
    }
    while (e > s && d[e - 1] <= ' ') {
      e--;
    }
    return s == e ? -2 : ((long) s << 32) | e;
  }

  /** Text of an optional column, null when empty or absent. */
  public String optionalText(CsvRecord rec, int column) {
    if (column < 0 || rec.isEmpty(column)) {
      return null;
    }
    String text = rec.text(column).trim();
    return text.isEmpty() ? null : text;
  }

  /** A positive amount in currency units, as minor units. */
  public long amount(CsvRecord rec, int column) throws InputFileException {
    if (rec.isEmpty(column)) {
      throw error(rec, column, "required");
    }
    long v = rec.escaped(column) ? FastParse.INVALID : FastParse.amountMinor(rec.data(), rec.start(column), rec.end(column));
    if (v == FastParse.INVALID) {
      throw invalid(rec, column, "is not a decimal amount in currency units");
    }
    if (v <= 0) {
      throw invalid(rec, column, "is not a positive amount");
    }
    return v;
  }

  public Currency currency(CsvRecord rec, int column) throws InputFileException {
    if (FastParse.equalsIgnoreCase(rec.data(), rec.start(column), rec.end(column), "PEN")) {
      return Currency.PEN;
    }
    if (FastParse.equalsIgnoreCase(rec.data(), rec.start(column), rec.end(column), "USD")) {
      return Currency.USD;
    }
    if (rec.isEmpty(column)) {
      throw error(rec, column, "required");
    }
    throw invalid(rec, column, "is not a currency (PEN or USD)");
  }

  /** A CIP; {@link Order#NO_CIP} when empty and allowed. */
  public long cip(CsvRecord rec, int column, boolean required) throws InputFileException {
    if (column < 0 || rec.isEmpty(column)) {
      if (required) {
        throw error(rec, column, "required");
      }
      return Order.NO_CIP;
    }
    long v = FastParse.cip(rec.data(), rec.start(column), rec.end(column));
    if (v == FastParse.INVALID) {
      throw invalid(rec, column, "is not a CIP (1 to 14 digits)");
    }
    return v;
  }

  /** Epoch millis; {@link Times#NONE} when empty and allowed. */
  public long timestamp(CsvRecord rec, int column, boolean required) throws InputFileException {
    if (column < 0 || rec.isEmpty(column)) {
      if (required) {
        throw error(rec, column, "required");
      }
      return Times.NONE;
    }
    long v = FastParse.timestamp(rec.data(), rec.start(column), rec.end(column));
    if (v == FastParse.INVALID) {
      throw invalid(rec, column, "is not an ISO-8601 timestamp with an offset");
    }
    return v;
  }
}
