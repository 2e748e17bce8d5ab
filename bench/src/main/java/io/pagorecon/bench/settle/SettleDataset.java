package io.pagorecon.bench.settle;

import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioFiles;
import io.pagorecon.simulator.scenario.SettlementScenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** A generated day with its settlement side (what {@code pagorecon generate} writes), reused when complete. */
public record SettleDataset(Path dir) {

  public static final LocalDate DATE = LocalDate.of(2024, 1, 15);
  private static final String COMPLETE = ".settle-complete";

  public Path statement() {
    return dir.resolve(ScenarioFiles.STATEMENT);
  }

  public Path settlements() {
    return dir.resolve(SettlementScenario.SETTLEMENTS);
  }

  public Path bank() {
    return dir.resolve(SettlementScenario.BANK);
  }

  public Path fees() {
    return dir.resolve(SettlementScenario.FEES);
  }

  public Path rates() {
    return dir.resolve(SettlementScenario.RATES);
  }

  public static SettleDataset ensure(Path root, int orders, long seed, PrintStream log) throws IOException {
    Path dir = root.resolve("settle-orders-" + orders + "-seed-" + seed);
    SettleDataset d = new SettleDataset(dir);
    if (Files.isRegularFile(dir.resolve(COMPLETE))) {
      log.println("reusing " + dir);
      return d;
    }
    Files.createDirectories(dir);
    long start = System.nanoTime();
    ScenarioFiles.write(ScenarioConfig.of(seed, orders, DATE), dir);
    SettlementScenario.Summary s = SettlementScenario.write(seed, DATE, dir);
    log.printf("generated %s in %d ms: %d settlement rows in %d settlements, %d bank credits%n", dir, (System.nanoTime() - start) / 1_000_000, s.rows(),
        s.settlements(), s.credits());
    Files.writeString(dir.resolve(COMPLETE), "seed=" + seed + "\n");
    return d;
  }
}
