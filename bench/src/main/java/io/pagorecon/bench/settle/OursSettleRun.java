package io.pagorecon.bench.settle;

import io.pagorecon.bench.reconcile.Finding;
import io.pagorecon.bench.reconcile.FindingDiff;
import io.pagorecon.bench.reconcile.PeakRss;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SettleFiles;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.files.SettlementReportWriters;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.settlement.SettlementConfig;
import io.pagorecon.core.settlement.SettlementFinding;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.Settler;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * pagorecon's side in a child JVM of its own (so its peak RSS is ours alone): exactly what {@code
 * pagorecon settle} does (read the five files, judge, write both reports). The first run is checked
 * against the expected findings before any run is timed.
 *
 * <p>{@code OursSettleRun <dataDir> <asOf> <runs> <expected findings file>}.
 */
public final class OursSettleRun {

  private OursSettleRun() {}

  public static void main(String[] args) throws Exception {
    SettleDataset d = new SettleDataset(Path.of(args[0]));
    LocalDate asOf = LocalDate.parse(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path expected = Path.of(args[3]);
    Path out = d.dir().resolve("ours-settle-out");
    Files.createDirectories(out);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pagorecon-parse");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Finding> ours = findings(run(d, asOf, out, pool, threads));
      List<Finding> theirs = new ArrayList<>();
      for (String line : Files.readAllLines(expected)) {
        if (!line.isEmpty()) {
          theirs.add(Finding.parseLine(line));
        }
      }
      Collections.sort(theirs);
      if (!ours.equals(theirs)) {
        System.out.println("mismatch: ours " + ours.size() + " findings, expected " + theirs.size());
        FindingDiff.print(ours, theirs, System.out);
        System.exit(4);
      }
      System.out.println("verified_findings=" + ours.size());
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        long cpu = SettleBench.processCpuNanos();
        run(d, asOf, out, pool, threads);
        System.out.println("ours_run_cpu_ms=" + (SettleBench.processCpuNanos() - cpu) / 1_000_000);
        System.out.println("ours_run_ms=" + (System.nanoTime() - start) / 1_000_000);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("peak_rss_kb=" + PeakRss.kilobytes());
  }

  static SettlementResult run(SettleDataset d, LocalDate asOf, Path out, ExecutorService pool, int threads) throws Exception {
    SettleFiles useCase = new SettleFiles(new Settler(SettlementConfig.defaults()), SettlementFileReaders.settlementsCanonical(),
        SettlementFileReaders.bankPreset("canonical").orElseThrow(), pool, threads);
    SettlementResult result = useCase.run(new SettleFiles.Inputs(source(d.statement()), source(d.settlements()), source(d.bank()), source(d.fees()),
        Optional.of(source(d.rates()))), asOf);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out.resolve("settlement-discrepancies.csv")), 1 << 16)) {
      SettlementReportWriters.writeCsv(result, os);
    }
    try (OutputStream os = Files.newOutputStream(out.resolve("settlement-summary.json"))) {
      SettlementReportWriters.writeSummary(result, os);
    }
    return result;
  }

  static List<Finding> findings(SettlementResult result) {
    List<Finding> out = new ArrayList<>();
    for (SettlementFinding f : result.findings()) {
      out.add(new Finding(f.category().name(), f.settlementId(), Cips.format(f.cip())));
    }
    Collections.sort(out);
    return out;
  }

  private static ReconcileFiles.Source source(Path p) {
    return new ReconcileFiles.Source(p.toString(), () -> Files.newInputStream(p));
  }
}
