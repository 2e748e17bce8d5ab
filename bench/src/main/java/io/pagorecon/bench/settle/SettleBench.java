package io.pagorecon.bench.settle;

import io.pagorecon.bench.reconcile.Finding;
import io.pagorecon.core.settlement.BusinessDays;
import io.pagorecon.simulator.scenario.SettlementScenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench settle}: pagorecon's settlement engine against DuckDB SQL on the same generated
 * files, in one run. DuckDB's warm-up gives the expected findings; pagorecon's child JVM checks it
 * finds the same (category, settlement_id, cip) list before timing; then DuckDB's timed runs.
 */
@Command(name = "settle", mixinStandardHelpOptions = true,
    description = "pagorecon settle vs DuckDB SQL on the same generated settlement files; prints the median of --runs after a warm-up.")
public final class SettleBench implements Callable<Integer> {

  @Option(names = "--orders", required = true, paramLabel = "N", description = "Orders of the generated day (about 0.85 N settled CIPs).")
  int orders;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "R", description = "Timed runs per side after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--data", paramLabel = "DIR", description = "Where datasets are generated and reused (default: <tmp>/pagorecon-bench).")
  Path data;

  @Option(names = "--xmx", defaultValue = "2g", paramLabel = "SIZE",
      description = "Heap of pagorecon's child JVM (default: ${DEFAULT-VALUE}, below the 2.35 GB SettlementFunction's 3008 MB at 80 % gives).")
  String xmx;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (orders < 1 || runs < 1) {
      System.err.println("bench settle: --orders and --runs must be positive");
      return 2;
    }
    Path root = data != null ? data : Path.of(System.getProperty("java.io.tmpdir"), "pagorecon-bench");
    SettleDataset d = SettleDataset.ensure(root, orders, seed, out);
    LocalDate asOf = SettlementScenario.asOf(SettleDataset.DATE);
    long rows;
    try (var lines = Files.lines(d.settlements())) {
      rows = lines.count() - 1;
    }
    List<LocalDate> holidays = new ArrayList<>();
    BusinessDays peru = BusinessDays.peru();
    for (int y = SettleDataset.DATE.getYear() - 1; y <= asOf.getYear() + 1; y++) {
      holidays.addAll(peru.holidaysOf(y));
    }
    DuckDbSettlement duck = new DuckDbSettlement(asOf, 2, 3, "0.5", holidays, SettleDataset.DATE.minusYears(1), asOf.plusYears(1));

    long t0 = System.nanoTime();
    List<Finding> expected = duck.run(d.statement(), d.settlements(), d.bank(), d.fees(), d.rates());
    out.printf("duckdb warm-up: %d findings in %d ms%n", expected.size(), (System.nanoTime() - t0) / 1_000_000);
    Path expectedFile = d.dir().resolve("duckdb-settle-findings.txt");
    List<String> lines = new ArrayList<>();
    expected.forEach(f -> lines.add(f.toLine()));
    Files.write(expectedFile, lines, StandardCharsets.UTF_8);

    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx, "-XX:+UseParallelGC", "-cp",
        System.getProperty("java.class.path"), OursSettleRun.class.getName(), d.dir().toString(), asOf.toString(), Integer.toString(runs), expectedFile.toString());
    List<Long> ours = new ArrayList<>();
    List<Long> oursCpu = new ArrayList<>();
    long peakKb = -1;
    boolean verified = false;
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.println("  pagorecon: " + line);
        if (line.startsWith("ours_run_cpu_ms=")) {
          oursCpu.add(Long.parseLong(line.substring("ours_run_cpu_ms=".length())));
        } else if (line.startsWith("ours_run_ms=")) {
          ours.add(Long.parseLong(line.substring("ours_run_ms=".length())));
        } else if (line.startsWith("peak_rss_kb=")) {
          peakKb = Long.parseLong(line.substring("peak_rss_kb=".length()));
        } else if (line.startsWith("verified_findings=")) {
          verified = true;
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0 || !verified) {
      out.println("pagorecon and DuckDB disagree (or pagorecon failed, exit " + exit + "): nothing timed");
      return 1;
    }
    List<Long> duckRuns = new ArrayList<>();
    List<Long> duckCpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      long cpu = processCpuNanos();
      List<Finding> again = duck.run(d.statement(), d.settlements(), d.bank(), d.fees(), d.rates());
      duckCpu.add((processCpuNanos() - cpu) / 1_000_000);
      duckRuns.add((System.nanoTime() - s) / 1_000_000);
      if (again.size() != expected.size()) {
        throw new IllegalStateException("DuckDB gave " + again.size() + " findings, then " + expected.size());
      }
    }
    long oursMs = median(ours);
    long duckMs = median(duckRuns);
    out.println("pagorecon runs ms: " + ours + " (cpu " + oursCpu + "), duckdb runs ms: " + duckRuns + " (cpu " + duckCpu + "), heap " + xmx);
    out.println(String.format(Locale.ROOT, "settle settled_rows=%d findings=%d ours_ms=%d duckdb_ms=%d ratio=%.2f ours_cpu_ms=%d duckdb_cpu_ms=%d cpu_ratio=%.2f peak_rss_mb=%d",
        rows, expected.size(), oursMs, duckMs, (double) oursMs / duckMs, median(oursCpu), median(duckCpu), (double) median(oursCpu) / median(duckCpu),
        peakKb < 0 ? -1 : (peakKb + 1023) / 1024));
    return 0;
  }

  /** CPU time of this whole process (all threads, DuckDB's native ones included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
