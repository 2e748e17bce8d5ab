package io.pagorecon.core.daily;

import io.pagorecon.core.alert.*;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.reconcile.*;
import io.pagorecon.fixtures.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;

/**
 * Not a test (no assertion, not run by surefire): measures the daily use case on in-memory ports,
 * N orders with their statement and webhooks, 0.1% of them PAID_NOT_RECORDED. Run with
 * {@code java -Xmx3g -cp <test classpath> io.pagorecon.core.daily.DailyVolumeBench 1000000}.
 */
public final class DailyVolumeBench {

  private DailyVolumeBench() {}

  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    LocalDate day = LocalDate.of(2024, 1, 15);
    StringBuilder orders = new StringBuilder("order_id,cip,amount,currency,status,created_at,paid_at\n");
    StringBuilder st = new StringBuilder("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n");
    InMemoryWebhookLog hooks = new InMemoryWebhookLog();
    for (int i = 0; i < n; i++) {
      long cip = 10_000_000L + i;
      String amt = (10 + i % 500) + ".35";
      boolean bad = i % 1000 == 0;  // 0.1% discrepancies
      orders.append("O").append(i).append(',').append(cip).append(',').append(amt).append(",PEN,").append(bad ? "PENDING" : "PAID")
          .append(",2024-01-15T08:00:00-05:00,").append(bad ? "" : "2024-01-15T10:00:00-05:00").append('\n');
      st.append(cip).append(",O").append(i).append(',').append(amt).append(",PEN,PAID,2024-01-15T08:00:00-05:00,2024-01-16T08:00:00-05:00,2024-01-15T10:00:00-05:00,\n");
      hooks.add(day, Instant.parse("2024-01-15T15:05:00Z"), "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1\",\"data\":{\"cip\":\"" + cip
          + "\",\"currency\":\"PEN\",\"amount\":" + amt + ",\"paymentDate\":\"2024-01-15T10:00:00-05:00\",\"transactionCode\":\"O" + i + "\"}}");
    }
    String csv = st.toString();
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(csv.getBytes("UTF-8")));
    InMemoryDailyFiles files = new InMemoryDailyFiles();
    files.putStatement(day, csv, "{\"file\":{\"sha256\":\"" + sha + "\"}}");
    files.putOrders(day, "shop.csv", orders.toString());
    orders = null; st = null;
    int cpus = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(cpus);
    ExecutorService w = Executors.newFixedThreadPool(16);
    InMemoryLedger ledger = new InMemoryLedger();
    DailyReconciliation uc = new DailyReconciliation(new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"), Optional.empty(),
        OrdersFormat.CANONICAL, 0, pool, cpus, w, 16), new Reconciler(ReconcileConfig.defaults()), files, hooks, new InMemoryReportStore(), ledger,
        new ReconcileAlerts(AlertPolicy.defaults()), new InMemoryAlertPublisher());
    for (int run = 0; run < 3; run++) {
      long t0 = System.nanoTime();
      DailyOutcome o = uc.run(day, Instant.parse("2024-01-16T11:00:00Z"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("run " + run + ": " + ms + " ms, matched " + o.result().get().matched() + ", discrepancies " + o.result().get().discrepancies().size()
          + ", ledger entries " + ledger.all().size() + ", heap MB " + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_000_000);
    }
    pool.shutdownNow(); w.shutdownNow();
  }
}
