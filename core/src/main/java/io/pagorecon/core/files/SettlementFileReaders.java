package io.pagorecon.core.files;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.settlement.BankCredit;
import io.pagorecon.core.settlement.FeeContract;
import io.pagorecon.core.settlement.ReferenceRate;
import io.pagorecon.core.settlement.SettlementRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Readers of the settlement inputs (docs/settlement.md): {@code settlements.csv} (or the portal's
 * export through a mapping, CSV or .xlsx), {@code bank.csv} (or a bank's export through a mapping
 * or preset), {@code fees.csv}, {@code rates.csv} and the holidays file.
 */
public final class SettlementFileReaders {

  public static final List<String> SETTLEMENT_FIELDS = List.of(
      "settlement_id", "settled_on", "cip", "transaction_code", "gross_amount", "currency", "fee", "fee_tax", "net_amount", "payout_currency", "fx_rate");
  public static final List<String> BANK_FIELDS = List.of("booked_on", "amount", "currency", "reference");
  static final Set<String> SETTLEMENT_REQUIRED = Set.of("settlement_id", "settled_on", "cip", "gross_amount", "currency", "fee", "fee_tax", "net_amount", "payout_currency");
  static final Set<String> BANK_REQUIRED = Set.of("booked_on", "amount", "currency");

  private final Executor executor;
  private final int parallelism;

  public SettlementFileReaders(Executor executor, int parallelism) {
    this.executor = executor;
    this.parallelism = parallelism;
  }

  /** The canonical settlement layout. */
  public static ColumnMapping settlementsCanonical() {
    return ColumnMapping.canonical(SETTLEMENT_FIELDS);
  }

  /**
   * Bank presets: {@code canonical} ({@code booked_on,amount,currency,reference}); {@code bcp-pen}
   * and {@code bcp-usd}: the movements export of Banco de Crédito del Perú's online banking (one
   * account per file, so the currency is the account's): {@code Fecha} (dd/MM/yyyy), {@code
   * Descripción operación} as the reference, {@code Monto} with thousands commas, debits negative
   * and skipped.
   */
  public static Optional<ColumnMapping> bankPreset(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "canonical":
        return Optional.of(ColumnMapping.canonical(BANK_FIELDS));
      case "bcp-pen":
      case "bcp-usd":
        return Optional.of(new ColumnMapping(name.trim().toLowerCase(Locale.ROOT),
            Map.of("booked_on", "Fecha", "amount", "Monto", "reference", "Descripción operación"),
            Map.of("currency", name.trim().substring(4).toUpperCase(Locale.ROOT)), Optional.of("dd/MM/yyyy"), Optional.of(","), true));
      default:
        return Optional.empty();
    }
  }

  public List<SettlementRow> settlements(String file, InputStream in, ColumnMapping mapping) throws IOException, InputFileException {
    Map<String, String> ids = new ConcurrentHashMap<>();
    Map<String, BigDecimal> fxRates = new ConcurrentHashMap<>();
    Map<String, LocalDate> seenDates = new ConcurrentHashMap<>();
    DateTimeFormatter dates = dates(mapping);
    return MappedRows.read(file, in, mapping, SETTLEMENT_REQUIRED, executor, parallelism, row -> {
      String id = required(row, "settlement_id");
      LocalDate settledOn = date(row, "settled_on", dates, seenDates);
      long cip;
      try {
        cip = Cips.parse(required(row, "cip"));
      } catch (IllegalArgumentException e) {
        throw row.error("cip", InputFileException.quote(row.get("cip")) + " is not a CIP (1 to 14 digits)");
      }
      Currency currency = currency(row, "currency");
      Currency payout = currency(row, "payout_currency");
      long gross = amount(row, "gross_amount", mapping, true);
      long fee = amount(row, "fee", mapping, false);
      long tax = amount(row, "fee_tax", mapping, false);
      long net = signedAmount(row, "net_amount", mapping);
      String rateText = row.get("fx_rate");
      BigDecimal rate = null;
      if (!rateText.isEmpty()) {
        rate = fxRates.computeIfAbsent(rateText, t -> positiveDecimal(t).orElse(BigDecimal.ZERO));
        if (rate.signum() <= 0) {
          throw row.error("fx_rate", InputFileException.quote(rateText) + " is not a positive decimal rate");
        }
      } else if (currency != payout) {
        throw row.error("fx_rate", "required when payout_currency (" + payout + ") differs from currency (" + currency + ")");
      }
      return new SettlementRow(ids.computeIfAbsent(id, x -> x), settledOn, cip, row.get("transaction_code"), gross, currency, fee, tax, net, payout, rate, row.line());
    });
  }

  public List<BankCredit> bank(String file, InputStream in, ColumnMapping mapping) throws IOException, InputFileException {
    DateTimeFormatter dates = dates(mapping);
    return MappedRows.read(file, in, mapping, BANK_REQUIRED, executor, parallelism, row -> {
      if (mapping.creditsOnly()) {
        String text = strip(row.get("amount"), mapping);
        Optional<BigDecimal> a = Money.parseAmount(text);
        if (a.isPresent() && a.get().signum() <= 0 || text.isEmpty()) {
          return null;
        }
      }
      LocalDate booked = date(row, "booked_on", dates);
      long amount = amount(row, "amount", mapping, true);
      return new BankCredit(booked, amount, currency(row, "currency"), row.get("reference"), row.line());
    });
  }

  public List<FeeContract> fees(String file, InputStream in) throws IOException, InputFileException {
    ColumnMapping m = ColumnMapping.canonical(List.of("currency", "percent", "fixed", "tax_percent", "minimum"));
    return MappedRows.read(file, in, m, Set.copyOf(m.columns().keySet()), Runnable::run, 1, row -> new FeeContract(
        currency(row, "currency"), decimal(row, "percent"), decimal(row, "fixed"), decimal(row, "tax_percent"), decimal(row, "minimum"), row.line()));
  }

  public List<ReferenceRate> rates(String file, InputStream in) throws IOException, InputFileException {
    ColumnMapping m = ColumnMapping.canonical(List.of("date", "from", "to", "rate", "source"));
    DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE;
    return MappedRows.read(file, in, m, Set.of("date", "from", "to", "rate"), Runnable::run, 1, row -> {
      BigDecimal rate = positiveDecimal(row.get("rate")).orElseThrow(() -> row.error("rate", InputFileException.quote(row.get("rate")) + " is not a positive decimal rate"));
      return new ReferenceRate(date(row, "date", iso), currency(row, "from"), currency(row, "to"), rate, row.get("source"), row.line());
    });
  }

  /**
   * The holidays file: one {@code YYYY-MM-DD} date a line (anything after the date on the line, such
   * as {@code ,Año Nuevo}, is a comment); blank lines, {@code #} comments and a first line that is
   * not a date (a header) are skipped.
   */
  public static List<LocalDate> holidays(String file, InputStream in) throws IOException, InputFileException {
    List<LocalDate> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String text;
    int line = 0;
    while ((text = r.readLine()) != null) {
      line++;
      String t = text.replace("\uFEFF", "").trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String first = t.split("[,;\\s]", 2)[0];
      try {
        out.add(LocalDate.parse(first));
      } catch (DateTimeParseException e) {
        if (line == 1 && out.isEmpty()) {
          continue;
        }
        throw new InputFileException(file, line, "date", InputFileException.quote(first) + " is not a date (YYYY-MM-DD)");
      }
    }
    return out;
  }

  private static DateTimeFormatter dates(ColumnMapping m) {
    return m.datePattern().map(DateTimeFormatter::ofPattern).orElse(DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private static String required(MappedRows.Row row, String field) throws InputFileException {
    String v = row.get(field);
    if (v.isEmpty()) {
      throw row.error(field, "required");
    }
    return v;
  }

  private static LocalDate date(MappedRows.Row row, String field, DateTimeFormatter format, Map<String, LocalDate> seen) throws InputFileException {
    String v = required(row, field);
    LocalDate known = seen.get(v);
    if (known != null) {
      return known;
    }
    LocalDate d = date(row, field, format);
    seen.put(v, d);
    return d;
  }

  private static LocalDate date(MappedRows.Row row, String field, DateTimeFormatter format) throws InputFileException {
    String v = required(row, field);
    try {
      return LocalDate.parse(v, format);
    } catch (DateTimeParseException e) {
      try {
        // spreadsheet date cells arrive as local date-times
        return LocalDateTime.parse(v).toLocalDate();
      } catch (DateTimeParseException e2) {
        throw row.error(field, InputFileException.quote(v) + " is not a date (" + (format == DateTimeFormatter.ISO_LOCAL_DATE ? "YYYY-MM-DD" : "as configured") + ")");
      }
    }
  }

  private static Currency currency(MappedRows.Row row, String field) throws InputFileException {
    String v = required(row, field);
    return Currency.parse(v).orElseThrow(() -> row.error(field, InputFileException.quote(v) + " is not a currency (PEN or USD)"));
  }

  private static String strip(String v, ColumnMapping m) {
    return m.thousandsSeparator().map(s -> v.replace(s, "")).orElse(v);
  }

  /** Minor units of a decimal amount in currency units; zero allowed unless {@code positive}. */
  private static long amount(MappedRows.Row row, String field, ColumnMapping m, boolean positive) throws InputFileException {
    long a = signedAmount(row, field, m);
    if (positive ? a <= 0 : a < 0) {
      throw row.error(field, InputFileException.quote(row.get(field)) + (positive ? " is not a positive amount" : " is negative"));
    }
    return a;
  }

  /** Minor units of a decimal amount that may be negative (a net below zero when the minimum fee exceeds the gross). */
  private static long signedAmount(MappedRows.Row row, String field, ColumnMapping m) throws InputFileException {
    if (m.thousandsSeparator().isEmpty()) {
      long a = row.amountMinor(field);
      if (a != MappedRows.NOT_AN_AMOUNT) {
        return a;
      }
    }
    String v = strip(required(row, field), m);
    return Money.parseAmount(v).orElseThrow(() -> row.error(field, InputFileException.quote(row.get(field)) + " is not a decimal amount in currency units"))
        .movePointRight(2).longValueExact();
  }

  private static BigDecimal decimal(MappedRows.Row row, String field) throws InputFileException {
    String v = required(row, field);
    Optional<BigDecimal> d = nonNegativeDecimal(v);
    return d.orElseThrow(() -> row.error(field, InputFileException.quote(v) + " is not a non-negative decimal"));
  }

  private static Optional<BigDecimal> nonNegativeDecimal(String text) {
    if (text.isEmpty() || text.length() > 40 || !text.matches("[0-9]*\\.?[0-9]*") || text.equals(".")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  private static Optional<BigDecimal> positiveDecimal(String text) {
    return nonNegativeDecimal(text).filter(d -> d.signum() > 0);
  }
}
