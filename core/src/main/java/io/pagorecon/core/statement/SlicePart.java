package io.pagorecon.core.statement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * What one slice found: its API rows and the CIPs PagoEfectivo does not know, both in statement
 * order. Written as CSV that gives back exactly the same values (times with their own offsets,
 * amounts at scale 2, an absent transaction code kept apart from an empty one), so the assembled
 * statement is byte-identical to one built at once.
 *
 * <p>A time is written as {@code @epochSecond:nano:offsetSeconds}: the assembler reads every part
 * of a day (200,000 rows and up to four times each), and parsing ISO-8601 text was most of its
 * work (docs/performance.md §10). Parts written before, with ISO-8601 times, still read.
 */
public record SlicePart(List<StatementRow> rows, List<String> notFound) {

  private static final String ROW = "R";
  private static final String NOT_FOUND = "N";
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  public SlicePart {
    rows = List.copyOf(rows);
    notFound = List.copyOf(notFound);
  }

  public byte[] toBytes() {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      for (StatementRow r : rows) {
        printer.printRecord(ROW, r.cip(), r.transactionCode().map(t -> "=" + t).orElse(""),
            r.amount().map(Money::toPlainString).orElse(""), r.amount().map(m -> m.currency().name()).orElse(""),
            r.status().name(), time(r.createdAt()), time(r.expiresAt()), time(r.paidAt()), time(r.removedAt()));
      }
      for (String cip : notFound) {
        printer.printRecord(NOT_FOUND, cip);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException when the bytes are not a part */
  public static SlicePart fromBytes(byte[] bytes) {
    List<StatementRow> rows = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    try (CSVParser parser = FORMAT.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      for (CSVRecord r : parser) {
        switch (r.get(0)) {
          case ROW -> {
            String tx = r.get(2);
            Optional<Money> amount = r.get(3).isEmpty() ? Optional.empty() : Optional.of(Money.of(r.get(3), Currency.valueOf(r.get(4))));
            rows.add(new StatementRow(r.get(1), tx.isEmpty() ? Optional.empty() : Optional.of(tx.substring(1)), amount,
                PaymentState.valueOf(r.get(5)), time(r.get(6)), time(r.get(7)), time(r.get(8)), time(r.get(9))));
          }
          case NOT_FOUND -> notFound.add(r.get(1));
          default -> throw new IllegalArgumentException("line " + r.getRecordNumber() + ": not a part record");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable slice part: " + e.getMessage(), e);
    }
    return new SlicePart(rows, notFound);
  }

  private static String time(Optional<OffsetDateTime> t) {
    return t.map(SlicePart::encode).orElse("");
  }

  static String encode(OffsetDateTime t) {
    return "@" + t.toEpochSecond() + ":" + t.getNano() + ":" + t.getOffset().getTotalSeconds();
  }

  private static Optional<OffsetDateTime> time(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.charAt(0) != '@') {
      return Optional.of(OffsetDateTime.parse(Objects.requireNonNull(text)));
    }
    int first = text.indexOf(':');
    int second = text.indexOf(':', first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("not a part time: " + text);
    }
    Instant instant = Instant.ofEpochSecond(Long.parseLong(text, 1, first, 10), Integer.parseInt(text, first + 1, second, 10));
    return Optional.of(OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(Integer.parseInt(text, second + 1, text.length(), 10))));
  }
}
