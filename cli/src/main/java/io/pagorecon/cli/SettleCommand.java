package io.pagorecon.cli;

import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Inputs;
import io.pagorecon.core.files.ColumnMapping;
import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.files.MonthlyStatementWriters;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SettleFiles;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.files.SettlementReportWriters;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.settlement.BusinessDays;
import io.pagorecon.core.settlement.CurrencySettlementTotals;
import io.pagorecon.core.settlement.MonthlyStatement;
import io.pagorecon.core.settlement.SettlementCategory;
import io.pagorecon.core.settlement.SettlementConfig;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.Settler;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon settle}: settlement, fees and FX on local files (docs/settlement.md). */
@Command(
    name = "settle",
    mixinStandardHelpOptions = true,
    header = "Check settlements, fees, FX and bank payouts against the statement.",
    description = {
      "Checks that what PagoEfectivo settled was paid, at the contracted fee and a fair rate, and arrived in the bank (docs/settlement.md). "
          + "Writes DIR/settlement-discrepancies.csv (UTF-8 with BOM) and DIR/settlement-summary.json, and the month's statement for finance as "
          + "DIR/monthly-statement-YYYY-MM.csv and .html. Nothing is written on bad input."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon settle --statement scenario/statement.csv --settlements scenario/settlements.csv --bank scenario/bank.csv --fees scenario/fees.csv --rates scenario/rates.csv --as-of 2024-01-29 --out scenario/reports",
      "",
      "Environment: none beyond the PAGORECON_<OPTION> defaults.",
      "",
      "Exit status:",
      "  0  no discrepancy",
      "  1  discrepancies found",
      "  2  bad input or usage (naming the file, line and field)",
      "  3  infrastructure failure (the reports cannot be written)"
    })
public final class SettleCommand implements Callable<Integer> {

  public static final String DISCREPANCIES = "settlement-discrepancies.csv";
  public static final String SUMMARY = "settlement-summary.json";

  private final CliContext context;

  @Option(names = "--statement", required = true, paramLabel = "FILE", description = "The gateway statement (statement.csv).")
  Path statement;

  @Option(names = "--settlements", required = true, paramLabel = "FILE", description = "What PagoEfectivo paid out, one row per settled CIP (CSV or .xlsx).")
  Path settlements;

  @Option(names = "--bank", required = true, paramLabel = "FILE", description = "The seller's bank credits.")
  Path bank;

  @Option(names = "--fees", required = true, paramLabel = "FILE", description = "The fee contract.")
  Path fees;

  @Option(names = "--rates", paramLabel = "FILE", description = "Reference exchange rates; without it FX is not judged.")
  Path rates;

  @Option(names = "--holidays", paramLabel = "FILE", description = "Holidays, one YYYY-MM-DD a line (default: Peru's national holidays).")
  Path holidays;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Judge as of the end of this date (default: today in America/Lima).")
  LocalDate asOf;

  @Option(names = "--settle-days", paramLabel = "N", defaultValue = "2", description = "Business days from payment to settlement (default: ${DEFAULT-VALUE}).")
  int settleDays;

  @Option(names = "--payout-days", paramLabel = "N", defaultValue = "3", description = "Business days from settlement to the bank (default: ${DEFAULT-VALUE}).")
  int payoutDays;

  @Option(names = "--fx-tolerance-percent", paramLabel = "P", defaultValue = "0.5", description = "FX tolerance in percent of the reference rate (default: ${DEFAULT-VALUE}).")
  BigDecimal fxTolerance;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where the reports go (default: current directory).")
  Path out;

  @Option(names = "--settlements-format", paramLabel = "FILE", description = "A .properties column mapping for the portal's export (docs/settlement.md).")
  Path settlementsFormat;

  @Option(names = "--bank-format", paramLabel = "FORMAT", defaultValue = "canonical",
      description = "canonical, bcp-pen, bcp-usd, or a .properties column mapping (docs/settlement.md).")
  String bankFormat;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "Month of the monthly statement (settlements settled in it; default: the as-of month).")
  YearMonth month;

  @Option(names = "--json", description = "Print the summary as JSON instead of text.")
  boolean json;

  public SettleCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Inputs.readableFile("--statement", statement);
    Inputs.readableFile("--settlements", settlements);
    Inputs.readableFile("--bank", bank);
    Inputs.readableFile("--fees", fees);
    if (rates != null) {
      Inputs.readableFile("--rates", rates);
    }
    if (holidays != null) {
      Inputs.readableFile("--holidays", holidays);
    }
    if (settleDays < 0 || payoutDays < 0 || fxTolerance.signum() < 0) {
      return usage("--settle-days/--payout-days/--fx-tolerance-percent: must not be negative");
    }
    ColumnMapping settlementMapping;
    ColumnMapping bankMapping;
    try {
      settlementMapping = settlementsFormat == null ? SettlementFileReaders.settlementsCanonical()
          : ColumnMapping.fromProperties(String.valueOf(settlementsFormat.getFileName()), properties(settlementsFormat), SettlementFileReaders.SETTLEMENT_FIELDS);
    } catch (IOException | IllegalArgumentException e) {
      return usage("--settlements-format: " + e.getMessage());
    }
    try {
      Optional<ColumnMapping> preset = SettlementFileReaders.bankPreset(bankFormat);
      bankMapping = preset.isPresent() ? preset.get()
          : ColumnMapping.fromProperties(String.valueOf(Path.of(bankFormat).getFileName()), properties(Path.of(bankFormat)), SettlementFileReaders.BANK_FIELDS);
    } catch (IOException | IllegalArgumentException e) {
      return usage("--bank-format: " + e.getMessage());
    }
    LocalDate day = asOf != null ? asOf : BusinessCalendar.lima().businessDate(context.clock().instant());

    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pagorecon-parse");
      t.setDaemon(true);
      return t;
    });
    SettlementResult result;
    try {
      BusinessDays days = BusinessDays.peru();
      if (holidays != null) {
        try (InputStream in = Files.newInputStream(holidays)) {
          days = BusinessDays.of(SettlementFileReaders.holidays(holidays.toString(), in));
        }
      }
      SettleFiles useCase = new SettleFiles(new Settler(new SettlementConfig(days, settleDays, payoutDays, fxTolerance)), settlementMapping, bankMapping, pool, threads);
      result = useCase.run(new SettleFiles.Inputs(source(statement), source(settlements), source(bank), source(fees), Optional.ofNullable(rates).map(SettleCommand::source)), day);
    } catch (InputFileException e) {
      throw CliError.badInput(e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.field(), e.problem(),
          e.line() > 0 ? "fix that line (docs/settlement.md describes the formats)" : "check the file (docs/settlement.md describes the formats)", e);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw CliError.badInput(e.getFile(), Inputs.reason(e), "check the path and its permissions", e);
    } catch (IOException e) {
      throw CliError.infrastructure("input files", "cannot be read: " + Inputs.reason(e), "check the disk and run it again", e);
    } finally {
      pool.shutdownNow();
    }

    Inputs.writableDirectory("--out", out);
    byte[] summary;
    MonthlyStatement monthly = MonthlyStatement.of(result, month != null ? month : YearMonth.from(day));
    try {
      summary = write(result, monthly);
    } catch (IOException e) {
      throw CliError.infrastructure("--out " + out, "the reports cannot be written: " + Inputs.reason(e), "check the disk and its permissions", e);
    }
    if (json) {
      context.out().print(new String(summary, StandardCharsets.UTF_8));
    } else {
      printText(result, monthly);
    }
    context.out().flush();
    return result.clean() ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }

  private static Properties properties(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("\"" + file + "\" is neither a preset nor a readable .properties file");
    }
    Properties p = new Properties();
    try (InputStreamReader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  private static ReconcileFiles.Source source(Path path) {
    return new ReconcileFiles.Source(path.toString(), () -> Files.newInputStream(path));
  }

  /** Every report goes to a temporary file first, so a failure never leaves a half-written report. */
  private byte[] write(SettlementResult result, MonthlyStatement statement) throws IOException {
    Files.createDirectories(out);
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    SettlementReportWriters.writeSummary(result, summary);
    ByteArrayOutputStream monthlyCsv = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeCsv(statement, monthlyCsv);
    ByteArrayOutputStream monthlyHtml = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeHtml(statement, monthlyHtml);
    Map<String, Path> temps = new LinkedHashMap<>();
    try {
      Path csvTmp = Files.createTempFile(out, ".settlement-discrepancies", ".tmp");
      temps.put(DISCREPANCIES, csvTmp);
      try (OutputStream os = Files.newOutputStream(csvTmp)) {
        SettlementReportWriters.writeCsv(result, os);
      }
      temps.put(SUMMARY, Files.write(Files.createTempFile(out, ".settlement-summary", ".tmp"), summary.toByteArray()));
      temps.put(MonthlyStatementWriters.csvName(statement), Files.write(Files.createTempFile(out, ".monthly-statement", ".tmp"), monthlyCsv.toByteArray()));
      temps.put(MonthlyStatementWriters.htmlName(statement), Files.write(Files.createTempFile(out, ".monthly-statement", ".tmp"), monthlyHtml.toByteArray()));
      for (Map.Entry<String, Path> t : temps.entrySet()) {
        move(t.getValue(), out.resolve(t.getKey()));
      }
    } finally {
      for (Path t : temps.values()) {
        Files.deleteIfExists(t);
      }
    }
    return summary.toByteArray();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void printText(SettlementResult r, MonthlyStatement monthly) {
    var o = context.out();
    o.println("as of the end of " + r.asOf() + " (America/Lima): " + r.settlements().size() + " settlements, discrepancies " + r.findings().size());
    for (SettlementCategory c : SettlementCategory.values()) {
      long n = r.countsByCategory().getOrDefault(c, 0L);
      if (n > 0) {
        o.printf("  %-20s %-8s %d%n", c.name(), c.severity().wire(), n);
      }
    }
    for (Currency cur : Currency.values()) {
      CurrencySettlementTotals t = r.totals().get(cur);
      if (t.settledRows() + t.settlements() + t.unexpectedCreditCount() > 0) {
        o.println(cur + ": settled " + t.settledRows() + " CIPs, gross " + t.gross() + ", fees " + t.fees() + ", taxes " + t.taxes() + "; paid out " + t.netPaidOut()
            + ", received " + t.received() + ", in transit " + t.inTransit() + ", FX cost " + t.fxCost());
      }
    }
    o.println("reports: " + out.resolve(DISCREPANCIES) + ", " + out.resolve(SUMMARY) + ", " + out.resolve(MonthlyStatementWriters.csvName(monthly)) + ", "
        + out.resolve(MonthlyStatementWriters.htmlName(monthly)));
  }

  private int usage(String message) {
    int colon = message.indexOf(": ");
    throw CliError.badInput(message.substring(0, colon), message.substring(colon + 2), "see ./pagorecon settle --help");
  }
}
