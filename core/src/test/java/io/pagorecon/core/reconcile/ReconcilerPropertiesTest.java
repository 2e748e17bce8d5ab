package io.pagorecon.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.time.BusinessCalendar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants: the order of input lines never changes the output; counts add up. */
class ReconcilerPropertiesTest {

  private static final Instant AS_OF = Instant.parse("2024-01-20T00:00:00Z");

  private static byte[] reconcile(List<String> orders, List<String> statement, List<String> webhooks, Optional<LocalDate> date) throws Exception {
    ReconcileConfig config = ReconcileConfig.defaults();
    ReconcileFiles files = new ReconcileFiles(new Reconciler(config), OrdersFormat.CANONICAL, Runnable::run, 1);
    Scope scope = date.map(d -> Scope.businessDate(d, config.calendar())).orElse(Scope.everything(AS_OF));
    ReconcileResult r =
        files.run(
            new ReconcileFiles.Source("orders.csv", () -> new ByteArrayInputStream(SyntheticDataset.csv(SyntheticDataset.ORDERS_HEADER, orders))),
            new ReconcileFiles.Source("statement.csv", () -> new ByteArrayInputStream(SyntheticDataset.csv(SyntheticDataset.STATEMENT_HEADER, statement))),
            Optional.of(new ReconcileFiles.Source("webhooks.jsonl", () -> new ByteArrayInputStream(SyntheticDataset.jsonl(webhooks)))),
            scope);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(BusinessCalendar.LIMA, Optional.of(ZoneId.of("Asia/Shanghai"))).write(r, out);
    new SummaryJsonWriter(BusinessCalendar.LIMA).write(r, out);
    return out.toByteArray();
  }

  @Property(tries = 25)
  void permutingInputLines_shouldNeverChangeTheReports(
      @ForAll @LongRange(min = 0, max = 10_000) long seed, @ForAll long shuffleSeed, @ForAll @IntRange(min = 0, max = 4) int day) throws Exception {
    SyntheticDataset d = SyntheticDataset.generate(150, seed);
    Optional<LocalDate> date = day == 0 ? Optional.empty() : Optional.of(LocalDate.of(2024, 1, 13 + day));
    byte[] original = reconcile(d.orders, d.statement, d.webhooks, date);
    byte[] permuted =
        reconcile(
            SyntheticDataset.shuffled(d.orders, shuffleSeed),
            SyntheticDataset.shuffled(d.statement, shuffleSeed + 1),
            SyntheticDataset.shuffled(d.webhooks, shuffleSeed + 2),
            date);
    assertArrayEquals(original, permuted);
  }

  @Property(tries = 20)
  void reconcilingTwice_shouldGiveIdenticalBytes(@ForAll @LongRange(min = 0, max = 10_000) long seed) throws Exception {
    SyntheticDataset d = SyntheticDataset.generate(100, seed);
    assertArrayEquals(reconcile(d.orders, d.statement, d.webhooks, Optional.empty()), reconcile(d.orders, d.statement, d.webhooks, Optional.empty()));
  }

  @Property(tries = 20)
  void datedRuns_shouldPartitionTheUndatedFindings(@ForAll @LongRange(min = 0, max = 10_000) long seed) throws Exception {
    // every finding with a date belongs to exactly one business date, so the days add up to the whole
    SyntheticDataset d = SyntheticDataset.generate(120, seed);
    ReconcileConfig config = ReconcileConfig.defaults();
    Reconciler reconciler = new Reconciler(config);
    ReconcileFiles files = new ReconcileFiles(reconciler, OrdersFormat.CANONICAL, Runnable::run, 1);
    ReconcileResult all = run(files, d, Scope.everything(Instant.parse("2024-01-21T05:00:00Z")));
    long sum = 0;
    long matched = 0;
    for (int day = 14; day <= 20; day++) {
      ReconcileResult r = run(files, d, Scope.businessDate(LocalDate.of(2024, 1, day), config.calendar()));
      for (Discrepancy x : r.discrepancies()) {
        assertEquals(LocalDate.of(2024, 1, day), x.businessDate().orElseThrow());
      }
      sum += r.discrepancies().size();
      matched += r.matched();
    }
    assertEquals(all.discrepancies().size(), sum);
    assertTrue(matched >= all.matched());
    long counted = all.countsByCategory().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(all.discrepancies().size(), counted);
  }

  private static ReconcileResult run(ReconcileFiles files, SyntheticDataset d, Scope scope) throws Exception {
    return files.run(
        new ReconcileFiles.Source("orders.csv", () -> new ByteArrayInputStream(SyntheticDataset.csv(SyntheticDataset.ORDERS_HEADER, d.orders))),
        new ReconcileFiles.Source("statement.csv", () -> new ByteArrayInputStream(SyntheticDataset.csv(SyntheticDataset.STATEMENT_HEADER, d.statement))),
        Optional.of(new ReconcileFiles.Source("webhooks.jsonl", () -> new ByteArrayInputStream(SyntheticDataset.jsonl(d.webhooks)))),
        scope);
  }
}
