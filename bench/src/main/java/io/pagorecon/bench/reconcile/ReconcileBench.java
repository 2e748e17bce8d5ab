package io.pagorecon.bench.reconcile;

import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench reconcile}: pagorecon's engine against DuckDB on the same generated files, in one
 * run. Order: DuckDB's warm-up run gives the expected findings; pagorecon's child JVM runs its
 * warm-up, checks it finds the very same (category, order_id, cip) list, and only then times its
 * runs; then DuckDB's timed runs. The last line is the figure docs/performance.md records.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "pagorecon's engine vs DuckDB SQL on the same generated day; prints the median of --runs after a warm-up.")
public final class ReconcileBench implements Callable<Integer> {

  @Option(names = "--orders", required = true, paramLabel = "N", description = "Orders to generate (about as many statement rows and webhooks).")
  int orders;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "R", description = "Timed runs per side after one warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--data", paramLabel = "DIR", description = "Where datasets are generated and reused (default: <tmp>/pagorecon-bench).")
  Path data;

  @Option(names = "--xmx", paramLabel = "SIZE", description = "Heap of pagorecon's child JVM (default: sized for --orders).")
  String xmx;

  private final PrintStream out;

  public ReconcileBench() {
    this(System.out);
  }

  ReconcileBench(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (orders < 1 || runs < 1) {
      System.err.println("bench reconcile: --orders and --runs must be positive");
      return 2;
    }
    Path root = data != null ? data : Path.of(System.getProperty("java.io.tmpdir"), "pagorecon-bench");
    Dataset d = Dataset.ensure(root, orders, seed, out);
    d.ensureReshaped(out);
    Result r = run(d, runs, xmx != null ? xmx : defaultHeap(orders), out);
    if (!r.verified()) {
      return 1;
    }
    out.println(r.line());
    return 0;
  }

  /**
   * A heap that fits the column engine: 96 MB plus 220 bytes per order (316m at 1M, 1196m at 5M),
   * from the peak live heap the bench measures (docs/performance.md, "Memory per order"), with
   * room for the parse buffers and the young generation.
   */
  static String defaultHeap(int orders) {
    long mb = 96 + (long) orders * 220 / 1_000_000;
    return Math.min(mb, 8192) + "m";
  }

  /** The young generation is kept small: almost everything the engine keeps is large arrays that live to the end. */
  static String youngGeneration(String heap) {
    String h = heap.trim().toLowerCase(Locale.ROOT);
    char unit = h.charAt(h.length() - 1);
    long mb = Character.isDigit(unit) ? Long.parseLong(h) >> 20
        : Long.parseLong(h.substring(0, h.length() - 1)) * (unit == 'g' ? 1024 : unit == 'k' ? 1 : 1) / (unit == 'k' ? 1024 : 1);
    return Math.max(32, Math.min(160, mb / 6)) + "m";
  }

  /**
   * The measured figures (medians); {@code verified} false means the sides disagreed and nothing was
   * timed. DuckDB runs three ways: the query over the files, the files loaded into tables and then
   * the same query (loading timed too), and the query over the reshaped webhooks; the ratios are
   * against the fastest of the three.
   */
  public record Result(boolean verified, int orders, long oursMs, long oursReshapedMs, long duckdbFilesMs, long duckdbTablesMs, long duckdbReshapedMs,
      long peakRssMb, long liveHeapMb) {
    public long duckdbBestMs() {
      return Math.min(duckdbFilesMs, Math.min(duckdbTablesMs, duckdbReshapedMs));
    }

    public double ratio() {
      return duckdbBestMs() == 0 ? Double.NaN : (double) oursMs / duckdbBestMs();
    }

    public double ratioReshaped() {
      return duckdbBestMs() == 0 ? Double.NaN : (double) oursReshapedMs / duckdbBestMs();
    }

    public String line() {
      return String.format(Locale.ROOT,
          "reconcile orders=%d ours_ms=%d ours_reshaped_ms=%d duckdb_files_ms=%d duckdb_tables_ms=%d duckdb_reshaped_ms=%d ratio=%.2f ratio_reshaped=%.2f peak_rss_mb=%d live_heap_mb=%d",
          orders, oursMs, oursReshapedMs, duckdbFilesMs, duckdbTablesMs, duckdbReshapedMs, ratio(), ratioReshaped(), peakRssMb, liveHeapMb);
    }
  }

  public static Result run(Dataset d, int runs, String heap, PrintStream log) throws Exception {
    ReconcileConfig config = ReconcileConfig.defaults();
    BusinessCalendar cal = config.calendar();
    DuckDbReconciliation duck = new DuckDbReconciliation(cal.startOf(d.businessDate()), cal.endOf(d.businessDate()),
        config.lateWebhookAfter(), config.openOrderFor());

    long t0 = System.nanoTime();
    List<Finding> expected = duck.run(d.orders(), d.statement(), d.webhooks());
    log.printf("duckdb warm-up: %d findings in %d ms%n", expected.size(), (System.nanoTime() - t0) / 1_000_000);
    Path expectedFile = d.dir().resolve("duckdb-findings.txt");
    List<String> lines = new ArrayList<>(expected.size());
    for (Finding f : expected) {
      lines.add(f.toLine());
    }
    Files.write(expectedFile, lines, StandardCharsets.UTF_8);

    List<Long> oursRuns = new ArrayList<>();
    List<Long> oursReshapedRuns = new ArrayList<>();
    List<Long> files = new ArrayList<>();
    List<Long> tables = new ArrayList<>();
    List<Long> reshaped = new ArrayList<>();
    long peakKb = -1;
    long liveMb = -1;
    boolean verified = false;
    Process child = new ProcessBuilder(childCommand(d, runs, heap, expectedFile)).redirectErrorStream(true).start();
    // ours and DuckDB's runs alternate (ours, then DuckDB over files, tables and the reshaped
    // webhooks), so both sides see the same load on a shared machine
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer go = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      int pendingDuck = 0;
      while ((line = r.readLine()) != null) {
        log.println("  pagorecon: " + line);
        if (line.equals("ready")) {
          if (pendingDuck > 0) {
            duckRound(duck, d, expected, files, tables, reshaped);
            pendingDuck--;
          }
          go.write("go\n");
          go.flush();
          pendingDuck++;
        } else if (line.startsWith("ours_run_ms=")) {
          oursRuns.add(Long.parseLong(line.substring("ours_run_ms=".length())));
        } else if (line.startsWith("ours_reshaped_run_ms=")) {
          oursReshapedRuns.add(Long.parseLong(line.substring("ours_reshaped_run_ms=".length())));
        } else if (line.startsWith("peak_live_heap_mb=")) {
          liveMb = Long.parseLong(line.substring("peak_live_heap_mb=".length()));
        } else if (line.startsWith("peak_rss_kb=")) {
          peakKb = Long.parseLong(line.substring("peak_rss_kb=".length()));
        } else if (line.startsWith("verified_findings=")) {
          verified = true;
        }
        if (line.startsWith("ours_reshaped_run_ms=") && oursReshapedRuns.size() == runs) {
          go.close();
        }
      }
      int exit = child.waitFor();
      if (exit != 0 || !verified) {
        log.println("pagorecon and DuckDB disagree (or pagorecon failed, exit " + exit + "): nothing timed");
        return new Result(false, countOrders(d), 0, 0, 0, 0, 0, 0, 0);
      }
      while (pendingDuck-- > 0) {
        duckRound(duck, d, expected, files, tables, reshaped);
      }
    }
    log.println("pagorecon runs ms: " + oursRuns + ", reshaped webhooks: " + oursReshapedRuns + ", heap " + heap);
    log.println("duckdb runs ms: files " + files + ", tables " + tables + ", reshaped webhooks " + reshaped);
    return new Result(true, countOrders(d), median(oursRuns), median(oursReshapedRuns), median(files), median(tables), median(reshaped),
        peakKb < 0 ? -1 : (peakKb + 1023) / 1024, liveMb);
  }

  private static void duckRound(DuckDbReconciliation duck, Dataset d, List<Finding> expected, List<Long> files, List<Long> tables,
      List<Long> reshaped) throws Exception {
    files.add(timed(duck, DuckDbReconciliation.Mode.FILES, d, d.webhooks(), expected));
    tables.add(timed(duck, DuckDbReconciliation.Mode.TABLES, d, d.webhooks(), expected));
    reshaped.add(timed(duck, DuckDbReconciliation.Mode.FILES, d, d.reshapedWebhooks(), expected));
  }

  private static long timed(DuckDbReconciliation duck, DuckDbReconciliation.Mode mode, Dataset d, Path webhooks, List<Finding> expected) throws Exception {
    long s = System.nanoTime();
    List<Finding> again = duck.run(mode, d.orders(), d.statement(), webhooks);
    long ms = (System.nanoTime() - s) / 1_000_000;
    if (!again.equals(expected)) {
      throw new IllegalStateException("DuckDB (" + mode + ", " + webhooks.getFileName() + ") gave " + again.size() + " findings, the warm-up " + expected.size());
    }
    return ms;
  }

  private static int countOrders(Dataset d) throws IOException {
    String name = d.dir().getFileName().toString();
    if (name.startsWith("orders-")) {
      return Integer.parseInt(name.substring("orders-".length(), name.indexOf("-seed-")));
    }
    try (var lines = Files.lines(d.orders())) {
      return (int) lines.count() - 1;
    }
  }

  private static List<String> childCommand(Dataset d, int runs, String heap, Path expected) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + heap);
    // throughput collector: a batch job, no pause goals
    c.add("-XX:+UseParallelGC");
    c.add("-XX:MaxNewSize=" + youngGeneration(heap));
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(OursRun.class.getName());
    c.add(d.dir().toString());
    c.add(d.businessDate().toString());
    c.add(Integer.toString(runs));
    c.add(expected.toString());
    return c;
  }

  static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

}
