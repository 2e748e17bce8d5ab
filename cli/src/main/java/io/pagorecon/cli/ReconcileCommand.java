package io.pagorecon.cli;

import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Inputs;
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
    header = "Reconcile orders, statement and webhooks files of a day.",
    description = {
      "Reconciles orders.csv, statement.csv and webhooks.jsonl (formats in docs/contracts.md) and writes DIR/discrepancies.csv (UTF-8 with BOM) "
          + "and DIR/summary.json. Nothing is written on bad input. A --date on which no order, statement row or webhook falls is refused "
          + "(\"empty\": true in summary.json, exit status 2) unless --allow-empty: a wrong date or file must not pass for a clean day."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon reconcile --orders scenario/orders.csv --statement scenario/statement.csv --webhooks scenario/webhooks.jsonl --date 2024-01-15 --out scenario/reports",
      "  ./pagorecon reconcile --orders scenario/orders.csv --statement scenario/statement.csv --date 2024-01-15 --seller-zone Asia/Shanghai --json --out scenario/reports-shanghai",
      "",
      "Environment: none beyond the PAGORECON_<OPTION> defaults.",
      "",
      "Exit status:",
      "  0  no discrepancy",
      "  1  discrepancies found",
      "  2  bad input or usage (naming the file, line and field), or nothing on --date without --allow-empty",
      "  3  infrastructure failure (the reports cannot be written)"
    })
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

  @Option(names = "--allow-empty", description = "A --date with no order, statement row or webhook is not an error (exit status 0 instead of 2).")
  boolean allowEmpty;

  @Option(names = "--late-webhook-minutes", paramLabel = "N", defaultValue = "30", description = "LATE_WEBHOOK threshold (default: ${DEFAULT-VALUE}).")
  long lateMinutes;

  @Option(names = "--open-order-hours", paramLabel = "N", defaultValue = "24", description = "EXPIRED_ORDER_OPEN threshold (default: ${DEFAULT-VALUE}).")
  long openHours;

  public ReconcileCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Inputs.readableFile("--orders", orders);
    Inputs.readableFile("--statement", statement);
    if (webhooks != null) {
      Inputs.readableFile("--webhooks", webhooks);
    }
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
      // its message names the file, the line and the field: "orders.csv:12: amount: ..."
      throw CliError.badInput(e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.field(), e.problem(),
          e.line() > 0 ? "fix that line (docs/reconciliation.md describes the formats)" : "check the file (docs/reconciliation.md describes the formats)", e);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw CliError.badInput(e.getFile(), Inputs.reason(e), "check the path and its permissions", e);
    } catch (IOException e) {
      throw CliError.infrastructure("input files", "cannot be read: " + Inputs.reason(e), "check the disk and run it again", e);
    } finally {
      pool.shutdownNow();
    }

    Inputs.writableDirectory("--out", out);
    byte[] summary;
    try {
      summary = write(result, businessZone, seller);
    } catch (IOException e) {
      throw CliError.infrastructure("--out " + out, "the reports cannot be written: " + Inputs.reason(e), "check the disk and its permissions", e);
    }
    if (json) {
      context.out().print(new String(summary, StandardCharsets.UTF_8));
    } else {
      printText(result, businessZone);
    }
    context.out().flush();
    if (result.empty()) {
      // a wrong --date or file looks exactly like a quiet day: say it, and let only --allow-empty pass it
      context.err().println(CliError.line("pagorecon reconcile", "--date " + date, "no order, statement row or webhook on that business date ("
          + businessZone.getId() + ")", allowEmpty ? "--allow-empty given: exit status as for a clean day" : "check the date and the files, or pass --allow-empty when the day really was empty"));
      if (!allowEmpty) {
        return ExitCodes.BAD_INPUT;
      }
    }
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
    int colon = message.indexOf(": ");
    throw CliError.badInput(message.substring(0, colon), message.substring(colon + 2), "see ./pagorecon reconcile --help");
  }
}
