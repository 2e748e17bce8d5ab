package io.pagorecon.bench.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.reconcile.ReconcileConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's equality check on a tiny generated day: no timing is asserted, only agreement. */
class ReconcileBenchTest {

  @Test
  void duckDbSql_shouldFindExactlyWhatTheEngineFinds_onAGeneratedDay(@TempDir Path root) throws Exception {
    Dataset d = Dataset.ensure(root, 3_000, 7, new PrintStream(new ByteArrayOutputStream()));
    ReconcileConfig config = ReconcileConfig.defaults();
    DuckDbReconciliation duck = new DuckDbReconciliation(config.calendar().startOf(d.businessDate()), config.calendar().endOf(d.businessDate()),
        config.lateWebhookAfter(), config.openOrderFor());

    List<Finding> theirs = duck.run(d.orders(), d.statement(), d.webhooks());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Finding> ours;
    try {
      Path out = Files.createDirectories(root.resolve("out"));
      ours = OursRun.findings(OursRun.run(d, out, pool, 2));
      assertThat(out.resolve("discrepancies.csv")).isNotEmptyFile();
    } finally {
      pool.shutdownNow();
    }

    assertThat(theirs).isEqualTo(ours);
    // DuckDB over tables loaded first, and both sides over the reshaped webhooks, find the same
    d.ensureReshaped(new PrintStream(new ByteArrayOutputStream()));
    assertThat(duck.run(DuckDbReconciliation.Mode.TABLES, d.orders(), d.statement(), d.webhooks())).isEqualTo(ours);
    assertThat(duck.run(DuckDbReconciliation.Mode.FILES, d.orders(), d.statement(), d.reshapedWebhooks())).isEqualTo(ours);
    assertThat(Files.readAllLines(d.reshapedWebhooks())).hasSameSizeAs(Files.readAllLines(d.webhooks())).doesNotContainAnyElementsOf(Files.readAllLines(d.webhooks()));
    ExecutorService again = Executors.newFixedThreadPool(2);
    try {
      Path out = Files.createDirectories(root.resolve("out-reshaped"));
      OursRun.run(d, d.reshapedWebhooks(), out, again, 2);
      assertThat(out.resolve("discrepancies.csv")).hasSameBinaryContentAs(root.resolve("out").resolve("discrepancies.csv"));
      assertThat(out.resolve("summary.json")).hasSameBinaryContentAs(root.resolve("out").resolve("summary.json"));
    } finally {
      again.shutdownNow();
    }
    // every category the generator plants is present, so the comparison covers each rule
    assertThat(ours.stream().map(Finding::category).collect(Collectors.toSet())).hasSize(11);
  }

  @Test
  void findingsFile_shouldRoundTrip() {
    Finding f = new Finding("DUPLICATE_PAYMENT", "ORD-1", "1000001;1000002");
    assertThat(Finding.parseLine(f.toLine())).isEqualTo(f);
  }

  @Test
  void lastLine_shouldHaveTheDocumentedShape() {
    var r = new ReconcileBench.Result(true, 1_000_000, 900, 950, 1200, 1000, 1250, 812, 240);
    assertThat(r.line()).isEqualTo("reconcile orders=1000000 ours_ms=900 ours_reshaped_ms=950 duckdb_files_ms=1200 duckdb_tables_ms=1000"
        + " duckdb_reshaped_ms=1250 ratio=0.90 ratio_reshaped=0.95 peak_rss_mb=812 live_heap_mb=240");
  }

  @Test
  void heap_shouldFollowTheMeasuredBytesPerOrder_withASmallYoungGeneration() {
    assertThat(ReconcileBench.defaultHeap(1_000_000)).isEqualTo("316m");
    assertThat(ReconcileBench.defaultHeap(5_000_000)).isEqualTo("1196m");
    assertThat(ReconcileBench.youngGeneration("1196m")).isEqualTo("160m");
    assertThat(ReconcileBench.youngGeneration("316m")).isEqualTo("52m");
    assertThat(ReconcileBench.youngGeneration("2g")).isEqualTo("160m");
  }

  @Test
  void median_shouldBeTheMiddleRun() {
    assertThat(ReconcileBench.median(List.of(30L, 10L, 20L))).isEqualTo(20L);
  }
}
