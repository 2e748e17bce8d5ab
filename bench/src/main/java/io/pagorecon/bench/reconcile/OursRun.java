package io.pagorecon.bench.reconcile;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * pagorecon's side, run in a child JVM of its own so that its peak RSS is ours alone: exactly what
 * {@code pagorecon reconcile --date} does (parse the three files on all cores, reconcile, write
 * discrepancies.csv and summary.json). The first run is the warm-up and is checked against the
 * expected findings before any run is timed.
 *
 * <p>The reshaped copy of the webhooks ({@link Dataset#reshapedWebhooks()}) must give byte-identical
 * reports; each timed run reads the usual file, then the reshaped one, once a line arrives on
 * stdin (the parent interleaves the runs with DuckDB's).
 *
 * <p>{@code OursRun <dataDir> <yyyy-mm-dd> <runs> <expected findings file>}; prints
 * {@code ours_run_ms=...} and {@code ours_reshaped_run_ms=...} per timed run and {@code
 * peak_rss_kb=...} (VmHWM) last.
 */
public final class OursRun {

  /** Exit status when the findings differ from the expected ones. */
  public static final int MISMATCH = 4;

  private OursRun() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LocalDate date = LocalDate.parse(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path expected = Path.of(args[3]);
    PeakLiveHeap.start();
    Path out = dir.resolve("ours-out");
    Files.createDirectories(out);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pagorecon-parse");
      t.setDaemon(true);
      return t;
    });
    try {
      Dataset dataset = new Dataset(dir, date);
      int verified = verify(dataset, out, pool, threads, expected);
      if (verified < 0) {
        System.exit(MISMATCH);
      }
      // the same day with the webhooks as other systems write them must give the very same bytes
      byte[] csv = Files.readAllBytes(out.resolve("discrepancies.csv"));
      byte[] json = Files.readAllBytes(out.resolve("summary.json"));
      run(dataset, dataset.reshapedWebhooks(), out, pool, threads);
      if (!Arrays.equals(csv, Files.readAllBytes(out.resolve("discrepancies.csv"))) || !Arrays.equals(json, Files.readAllBytes(out.resolve("summary.json")))) {
        System.out.println("mismatch: the reshaped webhooks give other reports");
        System.exit(MISMATCH);
      }
      csv = null;
      json = null;
      System.out.println("verified_findings=" + verified);
      System.out.println("peak_live_heap_mb_warmup=" + (PeakLiveHeap.bytes() >> 20));
      // each timed run waits for a line on stdin, so the parent can interleave them with DuckDB's
      // runs and both sides see the same load on a shared machine
      BufferedReader go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (int i = 0; i < runs; i++) {
        System.out.println("ready");
        if (go.readLine() == null) {
          break;
        }
        long start = System.nanoTime();
        run(dataset, out, pool, threads);
        System.out.println("ours_run_ms=" + (System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        run(dataset, dataset.reshapedWebhooks(), out, pool, threads);
        System.out.println("ours_reshaped_run_ms=" + (System.nanoTime() - start) / 1_000_000);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("peak_live_heap_mb=" + (PeakLiveHeap.bytes() >> 20));
    System.out.println("peak_rss_kb=" + PeakRss.kilobytes());
  }

  /** The warm-up run, compared with the expected findings; nothing of it stays reachable for the timed runs. */
  private static int verify(Dataset d, Path out, ExecutorService pool, int threads, Path expected) throws Exception {
    List<Finding> ours = findings(run(d, out, pool, threads));
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
      return -1;
    }
    return ours.size();
  }

  static ReconcileResult run(Dataset d, Path out, ExecutorService pool, int threads) throws Exception {
    return run(d, d.webhooks(), out, pool, threads);
  }

  static ReconcileResult run(Dataset d, Path webhooks, Path out, ExecutorService pool, int threads) throws Exception {
    ReconcileConfig config = ReconcileConfig.defaults();
    ReconcileFiles useCase = new ReconcileFiles(new Reconciler(config), OrdersFormat.CANONICAL, pool, threads);
    ReconcileResult result = useCase.run(source(d.orders()), source(d.statement()), Optional.of(source(webhooks)),
        Scope.businessDate(d.businessDate(), config.calendar()));
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out.resolve("discrepancies.csv")), 1 << 16)) {
      new DiscrepanciesCsvWriter(config.calendar().zone(), Optional.empty()).write(result, os);
    }
    try (OutputStream os = Files.newOutputStream(out.resolve("summary.json"))) {
      new SummaryJsonWriter(config.calendar().zone()).write(result, os);
    }
    return result;
  }

  static List<Finding> findings(ReconcileResult result) {
    List<Finding> out = new ArrayList<>(result.discrepancies().size());
    for (Discrepancy d : result.discrepancies()) {
      out.add(new Finding(d.category().name(), d.orderId(), d.cip()));
    }
    Collections.sort(out);
    return out;
  }

  private static ReconcileFiles.Source source(Path p) {
    return new ReconcileFiles.Source(p.toString(), () -> Files.newInputStream(p));
  }
}
