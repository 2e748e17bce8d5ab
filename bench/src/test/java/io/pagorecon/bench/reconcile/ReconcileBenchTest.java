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
    var r = new ReconcileBench.Result(true, 1_000_000, 900, 1000, 812, List.of(900L), List.of(1000L));
    assertThat(r.line()).isEqualTo("reconcile orders=1000000 ours_ms=900 duckdb_ms=1000 ratio=0.90 peak_rss_mb=812");
  }

  @Test
  void median_shouldBeTheMiddleRun() {
    assertThat(ReconcileBench.median(List.of(30L, 10L, 20L))).isEqualTo(20L);
  }
}
