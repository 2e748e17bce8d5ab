package io.pagorecon.bench.daily;

import io.pagorecon.bench.reconcile.PeakRss;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.daily.DailyFiles;
import io.pagorecon.core.daily.DailyOutcome;
import io.pagorecon.core.daily.DailyReconciliation;
import io.pagorecon.core.daily.LookbackIndexStore;
import io.pagorecon.core.daily.ReportStore;
import io.pagorecon.core.daily.WebhookLog;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryLedger;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The child JVM of {@code bench daily}: one {@link DailyReconciliation#run} of the last date of a
 * generated data set, over ports that read the files from disk exactly as S3 would hand them over
 * (exports and statements as streams, the lookback index in ranges), with the in-memory ledger
 * and alert publisher of test-fixtures. Prints one line: wall and CPU time, peak RSS, what the
 * lookback read.
 *
 * <p>{@code java -cp pagorecon-bench.jar io.pagorecon.bench.daily.DailyRun DATA full|indexed DATE DAYS OUT}
 */
public final class DailyRun {

  private DailyRun() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    boolean indexed = args[1].equals("indexed");
    LocalDate date = LocalDate.parse(args[2]);
    int days = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    int cpus = Runtime.getRuntime().availableProcessors();
    ExecutorService parsers = Executors.newFixedThreadPool(cpus, r -> {
      Thread t = new Thread(r, "parse");
      t.setDaemon(true);
      return t;
    });
    FileIndexes indexes = new FileIndexes(data.resolve("lookback"));
    InMemoryLedger ledger = new InMemoryLedger();
    DailyReconciliation useCase = new DailyReconciliation(
        new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"), Optional.empty(), OrdersFormat.CANONICAL, days, parsers, cpus,
            Runnable::run, 1),
        new Reconciler(ReconcileConfig.defaults()), new FileDays(data), new FileWebhooks(data), new FileReports(out), ledger,
        new ReconcileAlerts(AlertPolicy.defaults()), new InMemoryAlertPublisher(), indexed ? indexes : LookbackIndexStore.NONE);
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    DailyOutcome outcome = useCase.run(date, Instant.parse("2024-01-16T11:00:00Z"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long cpuMs = (cpuNanos() - cpu0) / 1_000_000;
    System.out.println("daily_run mode=" + args[1] + " outcome=" + outcome.kind() + " ms=" + ms + " cpu_ms=" + cpuMs
        + " peak_rss_mb=" + PeakRss.kilobytes() / 1024 + " findings=" + outcome.result().map(r -> r.discrepancies().size()).orElse(-1)
        + " index_reads=" + indexes.reads + " index_puts=" + indexes.puts + " " + useCase.lastLookback());
    parsers.shutdownNow();
  }

  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  /** {@code statements/<date>/} and {@code orders/<date>/*.csv} on disk. */
  static final class FileDays implements DailyFiles {
    private final Path root;

    FileDays(Path root) {
      this.root = root;
    }

    @Override
    public Optional<Statement> statement(LocalDate date) {
      Path dir = root.resolve("statements").resolve(date.toString());
      Path manifest = dir.resolve("manifest.json");
      if (!Files.exists(manifest)) {
        return Optional.empty();
      }
      try {
        Path csv = dir.resolve("statement.csv");
        return Optional.of(new Statement(manifest.toString(), Files.readAllBytes(manifest),
            new ReconcileFiles.Source(csv.toString(), () -> Files.newInputStream(csv))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private List<Path> exports(LocalDate date) {
      Path dir = root.resolve("orders").resolve(date.toString());
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (Stream<Path> s = Files.list(dir)) {
        return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public List<ReconcileFiles.Source> orders(LocalDate date) {
      List<ReconcileFiles.Source> out = new ArrayList<>();
      for (Path p : exports(date)) {
        out.add(new ReconcileFiles.Source(p.toString(), () -> Files.newInputStream(p)));
      }
      return out;
    }

    @Override
    public Optional<String> ordersVersion(LocalDate date) {
      StringBuilder token = new StringBuilder();
      try {
        for (Path p : exports(date)) {
          token.append(p.getFileName()).append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Optional.of(token.toString());
    }

    @Override
    public String statementLocation(LocalDate date) {
      return root.resolve("statements").resolve(date.toString()).resolve("manifest.json").toString();
    }

    @Override
    public String ordersLocation(LocalDate date) {
      return root.resolve("orders").resolve(date.toString()).toString();
    }
  }

  /** {@code webhooks/<date>.tsv}: received-at millis, a tab, the body; streamed line by line. */
  static final class FileWebhooks implements WebhookLog {
    private final Path root;

    FileWebhooks(Path root) {
      this.root = root;
    }

    @Override
    public List<Received> verifiedOn(LocalDate businessDate) {
      List<Received> out = new ArrayList<>();
      forEachVerifiedOn(businessDate, out::add);
      return out;
    }

    @Override
    public void forEachVerifiedOn(LocalDate businessDate, Consumer<Received> each) {
      Path file = root.resolve("webhooks").resolve(businessDate + ".tsv");
      if (!Files.exists(file)) {
        return;
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          int tab = line.indexOf('\t');
          each.accept(new Received(Instant.ofEpochMilli(Long.parseLong(line.substring(0, tab))), line.substring(tab + 1).getBytes(StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The lookback indexes as files, read in ranges like S3 GETs with a Range header (counted). */
  static final class FileIndexes implements LookbackIndexStore {
    private final Path dir;
    long reads;
    long puts;

    FileIndexes(Path dir) {
      this.dir = dir;
    }

    @Override
    public synchronized Optional<byte[]> read(LocalDate date, long offset, int length) {
      Path f = dir.resolve(date + ".idx");
      if (!Files.exists(f)) {
        return Optional.empty();
      }
      reads++;
      try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
        long size = raf.length();
        int n = (int) Math.max(0, Math.min(length, size - offset));
        byte[] b = new byte[n];
        raf.seek(offset);
        raf.readFully(b);
        return Optional.of(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void put(LocalDate date, byte[] index) {
      puts++;
      try {
        Files.createDirectories(dir);
        Files.write(dir.resolve(date + ".idx"), index);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The reports as files, for the parent to compare byte for byte. */
  static final class FileReports implements ReportStore {
    private final Path dir;

    FileReports(Path dir) {
      this.dir = dir;
    }

    @Override
    public List<String> publish(LocalDate date, byte[] discrepanciesCsv, byte[] summaryJson) {
      try {
        Files.createDirectories(dir);
        Files.write(dir.resolve("discrepancies.csv"), discrepanciesCsv);
        Files.write(dir.resolve("summary.json"), summaryJson);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return List.of(dir.resolve("discrepancies.csv").toString());
    }
  }
}
