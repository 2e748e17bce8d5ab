package io.pagorecon.core.reconcile;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.OrdersCsvReader;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.StatementCsvReader;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.files.WebhooksJsonlReader;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Throwaway local measurement of each phase on a directory of Contract 2 files: {@code main DIR [runs]}. */
public final class PhaseTimer {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int run = 0; run < runs; run++) {
      long t0 = System.nanoTime();
      List<Order> o;
      try (InputStream in = Files.newInputStream(dir.resolve("orders.csv"))) {
        o = new OrdersCsvReader(OrdersFormat.CANONICAL, pool, threads).read("orders.csv", in);
      }
      long t1 = System.nanoTime();
      List<StatementRow> s;
      try (InputStream in = Files.newInputStream(dir.resolve("statement.csv"))) {
        s = new StatementCsvReader(pool, threads).read("statement.csv", in);
      }
      long t2 = System.nanoTime();
      List<WebhookReceipt> w;
      try (InputStream in = Files.newInputStream(dir.resolve("webhooks.jsonl"))) {
        w = new WebhooksJsonlReader(pool, threads).read("webhooks.jsonl", in);
      }
      long t3 = System.nanoTime();
      ReconcileResult r = new Reconciler(ReconcileConfig.defaults()).reconcile(new ReconcileInput(o, s, w), Scope.everything(Instant.parse("2024-01-20T00:00:00Z")));
      long t4 = System.nanoTime();
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int k = 0; k < 3; k++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        new Reconciler(ReconcileConfig.defaults()).reconcile(new ReconcileInput(o, s, w), Scope.everything(Instant.parse("2024-01-20T00:00:00Z")));
        System.out.printf("  reconcile again: cpu %d ms, wall %d ms%n", (mx.getCurrentThreadCpuTime() - c0) / 1_000_000, (System.nanoTime() - w0) / 1_000_000);
      }
      long gc = 0;
      for (java.lang.management.GarbageCollectorMXBean g : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        gc += g.getCollectionTime();
      }
      Runtime rt = Runtime.getRuntime();
      System.out.printf("  gc total %d ms, heap used %d MB%n", gc, (rt.totalMemory() - rt.freeMemory()) >> 20);
      t4 = System.nanoTime();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of("/tmp/phase-out.csv")))) {
        new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.empty()).write(r, out);
        new SummaryJsonWriter(BusinessCalendar.LIMA).write(r, out);
      }
      long t5 = System.nanoTime();
      System.out.printf("orders %d ms, statement %d ms, webhooks %d ms, reconcile %d ms, write %d ms, total %d ms, discrepancies %d, matched %d%n",
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000, (t5 - t0) / 1_000_000,
          r.discrepancies().size(), r.matched());
    }
    pool.shutdown();
  }
}
