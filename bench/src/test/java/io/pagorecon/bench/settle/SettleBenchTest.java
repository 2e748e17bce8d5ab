package io.pagorecon.bench.settle;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.bench.reconcile.Finding;
import io.pagorecon.core.settlement.BusinessDays;
import io.pagorecon.simulator.scenario.SettlementScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettleBenchTest {

  @Test
  void duckDbSql_shouldFindExactlyWhatTheEngineFinds_onAGeneratedDay(@TempDir Path root) throws Exception {
    SettleDataset d = SettleDataset.ensure(root, 3_000, 7, new PrintStream(new ByteArrayOutputStream()));
    LocalDate asOf = SettlementScenario.asOf(SettleDataset.DATE);
    List<LocalDate> holidays = new ArrayList<>();
    for (int y = 2023; y <= 2025; y++) {
      holidays.addAll(BusinessDays.peru().holidaysOf(y));
    }
    DuckDbSettlement duck = new DuckDbSettlement(asOf, 2, 3, "0.5", holidays, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));

    List<Finding> theirs = duck.run(d.statement(), d.settlements(), d.bank(), d.fees(), d.rates());
    java.nio.file.Files.createDirectories(root.resolve("out"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Finding> ours;
    try {
      ours = OursSettleRun.findings(OursSettleRun.run(d, asOf, root.resolve("out"), pool, 2));
    } finally {
      pool.shutdownNow();
    }

    assertThat(ours).isEqualTo(theirs);
    assertThat(ours.stream().map(Finding::category).distinct()).hasSize(10);
  }
}
