package io.pagorecon.bench.reconcile;

import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The generated business day both implementations read: {@code ScenarioFiles}, reused when already complete. */
public record Dataset(Path dir, LocalDate businessDate) {

  /** The business date every bench dataset covers (the generator's findings all fall on it). */
  public static final LocalDate DATE = LocalDate.of(2024, 1, 15);

  private static final String COMPLETE = ".complete";

  public Path orders() {
    return dir.resolve(ScenarioFiles.ORDERS);
  }

  public Path statement() {
    return dir.resolve(ScenarioFiles.STATEMENT);
  }

  public Path webhooks() {
    return dir.resolve(ScenarioFiles.WEBHOOKS);
  }

  /** The webhooks as other systems write them: other key orders and spacing ({@link Reshaper}). */
  public Path reshapedWebhooks() {
    return dir.resolve("webhooks-reshaped.jsonl");
  }

  /** Writes {@link #reshapedWebhooks()} unless it is there. */
  public void ensureReshaped(java.io.PrintStream log) throws IOException {
    if (Files.isRegularFile(reshapedWebhooks())) {
      return;
    }
    long start = System.nanoTime();
    Reshaper.write(webhooks(), reshapedWebhooks(), 17);
    log.printf("wrote %s in %d ms%n", reshapedWebhooks(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Generates the dataset for (orders, seed) under {@code root} unless a complete one is there. */
  public static Dataset ensure(Path root, int orders, long seed, java.io.PrintStream log) throws IOException {
    Path dir = root.resolve("orders-" + orders + "-seed-" + seed);
    Dataset d = new Dataset(dir, DATE);
    if (Files.isRegularFile(dir.resolve(COMPLETE))) {
      log.println("reusing " + dir);
      return d;
    }
    Files.createDirectories(dir);
    long start = System.nanoTime();
    ScenarioFiles.Summary s = ScenarioFiles.write(ScenarioConfig.of(seed, orders, DATE), dir);
    log.printf("generated %s in %d ms: %d orders, %d statement rows, %d webhooks%n", dir, (System.nanoTime() - start) / 1_000_000,
        s.orderRows(), s.statementRows(), s.webhookLines());
    Files.writeString(dir.resolve(COMPLETE), "seed=" + seed + "\n");
    return d;
  }
}
