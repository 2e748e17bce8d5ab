package io.pagorecon.core.daily;

import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.AlertPublisher;
import io.pagorecon.core.alert.SettlementAlerts;
import io.pagorecon.core.files.ColumnMapping;
import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.files.MonthlyStatementWriters;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.files.SettlementReportWriters;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.Ledger;
import io.pagorecon.core.ledger.LedgerFinding;
import io.pagorecon.core.ledger.LedgerUpdate;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.settlement.BankCredit;
import io.pagorecon.core.settlement.FeeContract;
import io.pagorecon.core.settlement.MonthlyStatement;
import io.pagorecon.core.settlement.ReferenceRate;
import io.pagorecon.core.settlement.SettlementConflictException;
import io.pagorecon.core.settlement.SettlementFinding;
import io.pagorecon.core.settlement.SettlementInput;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.SettlementRow;
import io.pagorecon.core.settlement.Settler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * SettlementFunction's one use case: judge every settlement export and bank statement in the inbox
 * against the statements of the last {@code statementLookbackDays} dates, as of the end of a Lima
 * date, with the same engine as {@code pagorecon settle}; write the reports; open, reopen or
 * auto-resolve the settlement entries of the discrepancy ledger; alert.
 *
 * <p>A file dropped again (a corrected or longer bank statement) repeats rows of the earlier one:
 * a row that appears in several files counts as many times as in the file that has it most often,
 * so a re-sent credit is not an unexpected second credit. Idempotent like {@link
 * DailyReconciliation}: reports are replaced, the ledger writes are conditional and the alert goes
 * out last.
 */
public final class SettlementRun {

  /** Everything the run needs besides its ports. */
  public record Settings(String stage, ColumnMapping settlementMapping, ColumnMapping bankMapping, int statementLookbackDays, Executor executor, int parallelism,
      Executor ledgerExecutor, int ledgerWriters) {
    public Settings {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(settlementMapping, "settlementMapping");
      Objects.requireNonNull(bankMapping, "bankMapping");
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(ledgerExecutor, "ledgerExecutor");
      if (statementLookbackDays < 0) {
        throw new IllegalArgumentException("statementLookbackDays must not be negative");
      }
    }
  }

  /** What a run did. */
  public record Outcome(Kind kind, LocalDate asOf, Optional<SettlementResult> result, Optional<LedgerUpdate> ledger, List<String> reports, List<String> problems,
      boolean alerted) {}

  /** How a run ended. */
  public enum Kind {
    JUDGED,
    MISSING_INPUT,
    BAD_INPUT
  }

  private final Settings settings;
  private final Settler settler;
  private final SettlementInputs inputs;
  private final DailyFiles statements;
  private final SettlementReportStore reports;
  private final Ledger ledgerStore;
  private final DiscrepancyLedger ledger;
  private final SettlementAlerts alerts;
  private final AlertPublisher publisher;

  public SettlementRun(Settings settings, Settler settler, SettlementInputs inputs, DailyFiles statements, SettlementReportStore reports, Ledger ledger,
      SettlementAlerts alerts, AlertPublisher publisher) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.settler = Objects.requireNonNull(settler, "settler");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.statements = Objects.requireNonNull(statements, "statements");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.ledgerStore = Objects.requireNonNull(ledger, "ledger");
    this.ledger = new DiscrepancyLedger(ledger, settings.ledgerExecutor(), settings.ledgerWriters());
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * Judges everything as of the end of {@code asOf}.
   *
   * @param now when the run happens (the ledger's history)
   * @throws io.pagorecon.core.payment.StorageException on infrastructure faults (retry the run)
   */
  public Outcome run(LocalDate asOf, Instant now) {
    List<ReconcileFiles.Source> exports = inputs.settlementExports();
    List<ReconcileFiles.Source> bank = inputs.bankStatements();
    Optional<ReconcileFiles.Source> fees = inputs.feeContract();
    List<String> missing = new ArrayList<>();
    if (exports.isEmpty()) {
      missing.add("settlement export: " + inputs.location("settlements"));
    }
    if (fees.isEmpty()) {
      missing.add("fee contract: " + inputs.location("fees"));
    }
    if (!missing.isEmpty()) {
      return notRun(asOf, Kind.MISSING_INPUT, missing);
    }
    try {
      SettlementFileReaders readers = new SettlementFileReaders(settings.executor(), settings.parallelism());
      List<StatementRow> statementRows = statementsUpTo(asOf);
      if (statementRows.isEmpty()) {
        return notRun(asOf, Kind.MISSING_INPUT, List.of("statement: none published from " + asOf.minusDays(settings.statementLookbackDays()) + " to " + asOf));
      }
      List<SettlementRow> rows = readAll(exports, (s, in) -> readers.settlements(s.name(), in, settings.settlementMapping()), SettlementRun::rowKey);
      List<BankCredit> credits = readAll(bank, (s, in) -> readers.bank(s.name(), in, settings.bankMapping()), SettlementRun::creditKey);
      List<FeeContract> contract;
      try (InputStream in = fees.get().opener().open()) {
        contract = readers.fees(fees.get().name(), in);
      }
      List<ReferenceRate> rates = List.of();
      Optional<ReconcileFiles.Source> ratesFile = inputs.referenceRates();
      if (ratesFile.isPresent()) {
        try (InputStream in = ratesFile.get().opener().open()) {
          rates = readers.rates(ratesFile.get().name(), in);
        }
      }
      SettlementResult result;
      try {
        result = settler.settle(new SettlementInput(statementRows, rows, credits, contract, rates), asOf);
      } catch (SettlementConflictException e) {
        return notRun(asOf, Kind.BAD_INPUT, List.of(inputs.location(e.source().name().toLowerCase(java.util.Locale.ROOT)) + ": line " + e.line() + ": " + e.field() + ": "
            + e.getMessage()));
      }
      return judged(asOf, now, result);
    } catch (InputFileException e) {
      return notRun(asOf, Kind.BAD_INPUT, List.of(e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the settlement inputs failed", e);
    }
  }

  private Outcome judged(LocalDate asOf, Instant now, SettlementResult result) throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    SettlementReportWriters.writeCsv(result, csv);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    SettlementReportWriters.writeSummary(result, json);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("settlement-discrepancies.csv", csv.toByteArray());
    files.put("settlement-summary.json", json.toByteArray());
    MonthlyStatement monthly = MonthlyStatement.of(result, YearMonth.from(asOf));
    ByteArrayOutputStream monthlyCsv = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeCsv(monthly, monthlyCsv);
    ByteArrayOutputStream monthlyHtml = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeHtml(monthly, monthlyHtml);
    files.put(MonthlyStatementWriters.csvName(monthly), monthlyCsv.toByteArray());
    files.put(MonthlyStatementWriters.htmlName(monthly), monthlyHtml.toByteArray());
    List<String> where = reports.publish(asOf, files);

    List<LedgerFinding> findings = new ArrayList<>(result.findings().size());
    for (SettlementFinding f : result.findings()) {
      findings.add(f.toLedger());
    }
    LedgerUpdate update = ledger.apply(asOf, findings, now, DiscrepancyLedger.Scope.settlementsAsOf(asOf));

    SettlementAlerts.Plan plan = alerts.plan(asOf, settings.stage(), result, update.alertPending(), where, ledgerStore::hasMarker);
    if (plan.alert().isPresent()) {
      publisher.publish(plan.alert().get());
      ledger.alerted(plan.settles());
      plan.markers().forEach(ledgerStore::putMarker);
    }
    return new Outcome(Kind.JUDGED, asOf, Optional.of(result), Optional.of(update), where, List.of(), plan.alert().isPresent());
  }

  /** The statements of the lookback window, oldest first: a later date's row of a CIP replaces an earlier one. */
  private List<StatementRow> statementsUpTo(LocalDate asOf) throws IOException, InputFileException {
    Map<Long, StatementRow> byCip = new LinkedHashMap<>();
    for (int back = settings.statementLookbackDays(); back >= 0; back--) {
      Optional<DailyFiles.Statement> s = statements.statement(asOf.minusDays(back));
      if (s.isEmpty()) {
        continue;
      }
      Optional<List<StatementRow>> rows = DailyReconciliation.trustedStatement(s.get(), settings.executor(), settings.parallelism());
      rows.ifPresent(list -> list.forEach(r -> byCip.put(r.cip(), r)));
    }
    return new ArrayList<>(byCip.values());
  }

  /** Reads one kind of input from several files. */
  @FunctionalInterface
  private interface Reader<T> {
    List<T> read(ReconcileFiles.Source source, InputStream in) throws IOException, InputFileException;
  }

  /** Rows of all files; a row repeated across files counts as often as in the file that has it most often. */
  private static <T> List<T> readAll(List<ReconcileFiles.Source> sources, Reader<T> reader, Function<T, String> key) throws IOException, InputFileException {
    List<T> out = new ArrayList<>();
    Map<String, Integer> kept = new HashMap<>();
    for (ReconcileFiles.Source s : sources) {
      List<T> rows;
      try (InputStream in = s.opener().open()) {
        rows = reader.read(s, in);
      }
      if (sources.size() == 1) {
        return rows;
      }
      Map<String, Integer> seenHere = new HashMap<>();
      for (T row : rows) {
        String k = key.apply(row);
        int occurrence = seenHere.merge(k, 1, Integer::sum);
        if (occurrence > kept.getOrDefault(k, 0)) {
          kept.put(k, occurrence);
          out.add(row);
        }
      }
    }
    return out;
  }

  private static String rowKey(SettlementRow r) {
    return r.settlementId() + "|" + r.settledOn() + "|" + r.cip() + "|" + r.transactionCode() + "|" + r.grossMinor() + "|" + r.currency() + "|" + r.feeMinor() + "|"
        + r.feeTaxMinor() + "|" + r.netMinor() + "|" + r.payoutCurrency() + "|" + (r.fxRate() == null ? "" : r.fxRate().stripTrailingZeros().toPlainString());
  }

  private static String creditKey(BankCredit c) {
    return c.bookedOn() + "|" + c.amountMinor() + "|" + c.currency() + "|" + c.reference();
  }

  /** Alerts once per as-of date and problem. */
  private Outcome notRun(LocalDate asOf, Kind kind, List<String> problems) {
    String marker = SettlementAlerts.missingMarker(asOf) + "#" + Integer.toHexString(String.join("\n", problems).hashCode());
    boolean alerted = false;
    if (!ledgerStore.hasMarker(marker)) {
      Alert alert = alerts.missingInputs(asOf, settings.stage(), problems);
      publisher.publish(alert);
      ledgerStore.putMarker(marker);
      alerted = true;
    }
    return new Outcome(kind, asOf, Optional.empty(), Optional.empty(), List.of(), problems, alerted);
  }
}
