package io.pagorecon.cli;

import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.CurrencyTotals;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.time.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon reconcile}: Contract 2 (docs/contracts.md) on local files. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "Reconciles orders.csv, statement.csv and webhooks.jsonl (docs/contracts.md) and writes",
      "DIR/discrepancies.csv (UTF-8 with BOM) and DIR/summary.json. Nothing is written on bad input."
    },
    footer = {"", "Exit status: 0 no discrepancy, 1 discrepancies found, 2 bad input or usage, 3 infrastructure failure."})
public final class ReconcileCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--orders", required = true, paramLabel = "FILE", description = "The seller's orders export.")
  Path orders;

  @Option(names = "--statement", required = true, paramLabel = "FILE", description = "The gateway statement.")
  Path statement;

  @Option(names = "--webhooks", paramLabel = "FILE", description = "Verified notifications, one JSON object per line.")
  Path webhooks;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Reconcile only this business date, judged as of its end.")
  LocalDate date;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "America/Lima", description = "Business time zone (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--seller-zone", paramLabel = "ZONE", description = "Also show times in this zone in the report, e.g. Asia/Shanghai.")
  String sellerZone;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where the reports go (default: current directory).")
  Path out;

  @Option(names = "--orders-format", paramLabel = "FORMAT", defaultValue = "canonical",
      description = "canonical, shopify, or a .properties file with a column mapping (docs/reconciliation.md).")
  String ordersFormat;

  @Option(names = "--json", description = "Print the summary as JSON instead of text.")
  boolean json;

  @Option(names = "--as-of", paramLabel = "TIMESTAMP", description = "Without --date: judge time rules as of this ISO-8601 instant instead of now.")
  String asOf;

  @Option(names = "--late-webhook-minutes", paramLabel = "N", defaultValue = "30", description = "LATE_WEBHOOK threshold (default: ${DEFAULT-VALUE}).")
  long lateMinutes;

  @Option(names = "--open-order-hours", paramLabel = "N", defaultValue = "24", description = "EXPIRED_ORDER_OPEN threshold (default: ${DEFAULT-VALUE}).")
  long openHours;

  public ReconcileCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ZoneId businessZone;
    Optional<ZoneId> seller;
    try {
      businessZone = ZoneId.of(zone);
      seller = sellerZone == null ? Optional.empty() : Optional.of(ZoneId.of(sellerZone));
    } catch (DateTimeException e) {
      return usage("--zone/--seller-zone: not a time zone id (e.g. America/Lima, Asia/Shanghai)");
    }
    if (lateMinutes < 0 || openHours < 0) {
      return usage("--late-webhook-minutes/--open-order-hours: must not be negative");
    }
    OrdersFormat format;
    try {
      format = ordersFormat();
    } catch (IOException | IllegalArgumentException e) {
      return usage("--orders-format: " + e.getMessage());
    }
    ReconcileConfig config = new ReconcileConfig(new BusinessCalendar(businessZone), Duration.ofMinutes(lateMinutes), Duration.ofHours(openHours));
    Scope scope;
    if (date != null) {
      scope = Scope.businessDate(date, config.calendar());
    } else if (asOf != null) {
      Optional<Instant> t = Timestamps.parse(asOf).map(x -> x.toInstant());
      if (t.isEmpty()) {
        return usage("--as-of: \"" + asOf + "\" is not an ISO-8601 timestamp with an offset");
      }
      scope = Scope.everything(t.get());
    } else {
      scope = Scope.everything(context.clock().instant());
    }

    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pagorecon-parse");
      t.setDaemon(true);
      return t;
    });
    ReconcileResult result;
    try {
      ReconcileFiles useCase = new ReconcileFiles(new Reconciler(config), format, pool, threads);
      result = useCase.run(source(orders), source(statement), Optional.ofNullable(webhooks).map(ReconcileCommand::source), scope);
    } catch (InputFileException e) {
      context.err().println(e.getMessage());
      return ExitCodes.BAD_INPUT;
    } catch (NoSuchFileException e) {
      context.err().println(e.getFile() + ": file: no such file");
      return ExitCodes.BAD_INPUT;
    } catch (AccessDeniedException e) {
      context.err().println(e.getFile() + ": file: permission denied");
      return ExitCodes.BAD_INPUT;
    } catch (IOException e) {
      context.err().println("pagorecon: cannot read the input: " + e);
      return ExitCodes.INFRASTRUCTURE;
    } finally {
      pool.shutdownNow();
    }

    byte[] summary;
    try {
      summary = write(result, businessZone, seller);
    } catch (IOException e) {
      context.err().println("pagorecon: cannot write the reports to " + out + ": " + e);
      return ExitCodes.INFRASTRUCTURE;
    }
    if (json) {
      context.out().print(new String(summary, StandardCharsets.UTF_8));
    } else {
      printText(result, businessZone);
    }
    context.out().flush();
    return result.clean() ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }

  private OrdersFormat ordersFormat() throws IOException {
    Optional<OrdersFormat> preset = OrdersFormat.preset(ordersFormat);
    if (preset.isPresent()) {
      return preset.get();
    }
    Path file = Path.of(ordersFormat);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("\"" + ordersFormat + "\" is neither canonical, shopify nor a readable .properties file");
    }
    Properties p = new Properties();
    try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return OrdersFormat.fromProperties(String.valueOf(file.getFileName()), p);
  }

  private static ReconcileFiles.Source source(Path path) {
    return new ReconcileFiles.Source(path.toString(), () -> Files.newInputStream(path));
  }

  /** Writes both reports to temporary files first, so a failure never leaves a half-written report. */
  private byte[] write(ReconcileResult result, ZoneId businessZone, Optional<ZoneId> seller) throws IOException {
    Files.createDirectories(out);
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    new SummaryJsonWriter(businessZone).write(result, summary);
    Path csvTmp = Files.createTempFile(out, ".discrepancies", ".tmp");
    Path jsonTmp = Files.createTempFile(out, ".summary", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(csvTmp)) {
        new DiscrepanciesCsvWriter(businessZone, seller).write(result, os);
      }
      Files.write(jsonTmp, summary.toByteArray());
      move(csvTmp, out.resolve("discrepancies.csv"));
      move(jsonTmp, out.resolve("summary.json"));
    } finally {
      Files.deleteIfExists(csvTmp);
      Files.deleteIfExists(jsonTmp);
    }
    return summary.toByteArray();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void printText(ReconcileResult r, ZoneId businessZone) {
    var o = context.out();
    o.println((r.date().map(d -> "business date " + d).orElse("all dates")) + " (" + businessZone.getId() + "), as of "
        + Timestamps.format(r.asOf().atZone(businessZone).toOffsetDateTime()));
    o.println("matched " + r.matched() + ", discrepancies " + r.discrepancies().size());
    for (Category c : Category.values()) {
      long n = r.countsByCategory().getOrDefault(c, 0L);
      if (n > 0) {
        o.printf("  %-22s %-8s %d%n", c.name(), c.severity().wire(), n);
      }
    }
    for (Currency cur : Currency.values()) {
      CurrencyTotals t = r.totals().get(cur);
      if (t.orders() + t.paidCips() > 0) {
        o.println(cur + ": orders " + t.orders() + " (" + t.orderAmount().toPlainString() + "), paid CIPs " + t.paidCips() + " ("
            + t.paidAmount().toPlainString() + "), matched " + t.matched() + " (" + t.matchedAmount().toPlainString() + ")");
      }
    }
    o.println("reports: " + out.resolve("discrepancies.csv") + ", " + out.resolve("summary.json"));
  }

  private int usage(String message) {
    context.err().println("pagorecon reconcile: " + message);
    return ExitCodes.BAD_INPUT;
  }
}
