package io.pagorecon.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.OrdersCsvReader;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.StatementCsvReader;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.files.WebhooksJsonlReader;
import io.pagorecon.core.reconcile.reference.ReferenceReconciler;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The column engine against the object-per-row engine it replaced ({@link ReferenceReconciler},
 * kept unchanged in the tests): on generated days roughened with the shapes the generator does not
 * write (non-ASCII and quoted order ids, missing and unknown transaction codes, orders without a
 * CIP or sharing one, several orders per code), both give byte-identical reports.
 */
class ColumnEngineEquivalenceTest {

  private static final Instant AS_OF = Instant.parse("2024-01-20T00:00:00Z");

  @Property(tries = 40)
  void columnEngine_shouldWriteTheSameBytesAsTheReferenceEngine(
      @ForAll @LongRange(min = 0, max = 100_000) long seed, @ForAll @IntRange(min = 0, max = 4) int day) throws Exception {
    SyntheticDataset d = SyntheticDataset.generate(200, seed);
    Random rnd = new Random(seed);
    List<String> orders = roughenOrders(d.orders, rnd);
    List<String> statement = roughenStatement(d.statement, rnd);
    List<String> webhooks = roughenWebhooks(d.webhooks, rnd);
    ReconcileConfig config = ReconcileConfig.defaults();
    Scope scope = day == 0 ? Scope.everything(AS_OF) : Scope.businessDate(LocalDate.of(2024, 1, 13 + day), config.calendar());
    byte[] o = SyntheticDataset.csv(SyntheticDataset.ORDERS_HEADER, orders);
    byte[] s = SyntheticDataset.csv(SyntheticDataset.STATEMENT_HEADER, statement);
    byte[] w = SyntheticDataset.jsonl(webhooks);

    ReconcileResult columns = new ReconcileFiles(new Reconciler(config), OrdersFormat.CANONICAL, Runnable::run, 1).run(
        new ReconcileFiles.Source("orders.csv", () -> new ByteArrayInputStream(o)),
        new ReconcileFiles.Source("statement.csv", () -> new ByteArrayInputStream(s)),
        Optional.of(new ReconcileFiles.Source("webhooks.jsonl", () -> new ByteArrayInputStream(w))),
        scope);
    ReconcileResult reference = new ReferenceReconciler(config).reconcile(
        new ReconcileInput(
            new OrdersCsvReader(OrdersFormat.CANONICAL, Runnable::run, 1).read("orders.csv", new ByteArrayInputStream(o)),
            new StatementCsvReader(Runnable::run, 1).read("statement.csv", new ByteArrayInputStream(s)),
            new WebhooksJsonlReader(Runnable::run, 1).read("webhooks.jsonl", new ByteArrayInputStream(w)),
            true),
        scope);

    assertEquals(report(reference), report(columns));
    assertEquals(reference, columns);
  }

  private static String report(ReconcileResult r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.of(ZoneId.of("Asia/Shanghai"))).write(r, out);
    new SummaryJsonWriter(BusinessCalendar.LIMA).write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** order_id,cip,amount,currency,status,created_at,paid_at */
  private static List<String> roughenOrders(List<String> lines, Random rnd) {
    List<String> out = new ArrayList<>();
    String previousCip = null;
    for (String line : lines) {
      String[] f = line.split(",", -1);
      int pick = rnd.nextInt(20);
      if (pick == 0) {
        f[0] = "\"" + f[0] + "\"";
      } else if (pick == 1) {
        f[1] = "";
      } else if (pick == 2 && previousCip != null && !previousCip.isEmpty()) {
        f[1] = previousCip;
      } else if (pick == 3) {
        f[0] = f[0] + "-ñ";
      } else if (pick == 4) {
        f[0] = f[0] + "-\uD83D\uDE00";
      } else if (pick == 5) {
        f[4] = f[4].toLowerCase();
      }
      previousCip = f[1];
      out.add(String.join(",", f));
    }
    return out;
  }

  /** cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at */
  private static List<String> roughenStatement(List<String> lines, Random rnd) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      int pick = rnd.nextInt(20);
      if (pick == 0) {
        f[1] = "";
      } else if (pick == 1) {
        f[1] = "X-" + f[1];
      } else if (pick == 2) {
        f[1] = "\" " + f[1] + " \"";
      } else if (pick == 3) {
        f[1] = "ORD-" + rnd.nextInt(200);
      } else if (pick == 4) {
        f[1] = "Ñ-" + f[1];
      }
      out.add(String.join(",", f));
    }
    return out;
  }

  private static List<String> roughenWebhooks(List<String> lines, Random rnd) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int pick = rnd.nextInt(20);
      if (pick == 0) {
        line = line.replace("\"transactionCode\":\"", "\"transactionCode\":\"Y-");
      } else if (pick == 1) {
        line = line.replaceFirst(",\"transactionCode\":\"[^\"]*\"", "");
      } else if (pick == 2) {
        line = line.replace("\"transactionCode\":\"ORD-", "\"transactionCode\":\"ORD-1");
      } else if (pick == 3) {
        line = line.replace("{\"receivedAt\"", "{ \"receivedAt\"");
      }
      out.add(line);
    }
    return out;
  }
}
