package io.pagorecon.core.files;

import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.settlement.BankCredit;
import io.pagorecon.core.settlement.FeeContract;
import io.pagorecon.core.settlement.ReferenceRate;
import io.pagorecon.core.settlement.SettlementConflictException;
import io.pagorecon.core.settlement.SettlementInput;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.SettlementRow;
import io.pagorecon.core.settlement.Settler;
import io.pagorecon.core.files.ReconcileFiles.Source;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The settle use case over files, shared by the CLI and the settlement function: read the
 * statement, the settlement export, the bank credits, the fee contract and (optionally) the
 * reference rates, and judge them as of the end of a Lima date. Any bad input is an {@link
 * InputFileException} naming the file, line and field, raised before anything is written.
 */
public final class SettleFiles {

  /** The five inputs; rates may be absent. */
  public record Inputs(Source statement, Source settlements, Source bank, Source fees, Optional<Source> rates) {}

  private final Settler settler;
  private final StatementCsvReader statementReader;
  private final SettlementFileReaders readers;
  private final ColumnMapping settlementMapping;
  private final ColumnMapping bankMapping;

  public SettleFiles(Settler settler, ColumnMapping settlementMapping, ColumnMapping bankMapping, Executor executor, int parallelism) {
    this.settler = settler;
    this.statementReader = new StatementCsvReader(executor, parallelism);
    this.readers = new SettlementFileReaders(executor, parallelism);
    this.settlementMapping = settlementMapping;
    this.bankMapping = bankMapping;
  }

  public SettlementResult run(Inputs in, LocalDate asOf) throws IOException, InputFileException {
    // the two large files are read at the same time; errors are reported in a fixed order:
    // settlements, statement, bank, fees, rates
    ReconcileFiles.Read<List<StatementRow>> statement = ReconcileFiles.Read.start("statement", () -> {
      try (InputStream s = in.statement().opener().open()) {
        return statementReader.read(in.statement().name(), s);
      }
    });
    List<StatementRow> statementRows;
    List<SettlementRow> settlements;
    List<BankCredit> credits;
    List<FeeContract> fees;
    List<ReferenceRate> rates = List.of();
    try {
      try (InputStream s = in.settlements().opener().open()) {
        settlements = readers.settlements(in.settlements().name(), s, settlementMapping);
      }
      statementRows = statement.join();
      try (InputStream s = in.bank().opener().open()) {
        credits = readers.bank(in.bank().name(), s, bankMapping);
      }
      try (InputStream s = in.fees().opener().open()) {
        fees = readers.fees(in.fees().name(), s);
      }
      if (in.rates().isPresent()) {
        try (InputStream s = in.rates().get().opener().open()) {
          rates = readers.rates(in.rates().get().name(), s);
        }
      }
    } finally {
      statement.await();
    }
    try {
      return settler.settle(new SettlementInput(statementRows, settlements, credits, fees, rates), asOf);
    } catch (SettlementConflictException e) {
      String file;
      switch (e.source()) {
        case STATEMENT:
          file = in.statement().name();
          break;
        case SETTLEMENTS:
          file = in.settlements().name();
          break;
        case BANK:
          file = in.bank().name();
          break;
        case FEES:
          file = in.fees().name();
          break;
        default:
          file = in.rates().map(Source::name).orElse("rates");
          break;
      }
      throw new InputFileException(file, e.line(), e.field(), e.getMessage());
    }
  }
}
