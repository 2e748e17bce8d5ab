package io.pagorecon.core.daily;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.AlertPublisher;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.InputFileException;
import io.pagorecon.core.files.OrdersCsvReader;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.StatementCsvReader;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.Ledger;
import io.pagorecon.core.ledger.LedgerUpdate;
import io.pagorecon.core.reconcile.ColumnInput;
import io.pagorecon.core.reconcile.InputConflictException;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.RowBudget;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import io.pagorecon.core.reconcile.internal.CipIndex;
import io.pagorecon.core.reconcile.internal.IdIndex;
import io.pagorecon.core.webhook.InvalidNotificationException;
import io.pagorecon.core.webhook.NotificationParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import io.pagorecon.core.reconcile.StatementRow;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The daily reconciliation of one business date (ReconcileFunction's one use case): read the
 * statement (trusted only through its manifest's SHA-256), the orders export(s) and the verified
 * webhooks; reconcile with the same engine as {@code pagorecon reconcile}; write the reports;
 * apply the ledger; alert.
 *
 * <p>Idempotent and crash-safe by ordering: reports are replaced, the ledger is applied with
 * conditional writes and keeps which alerts are still owed, and the alert goes out last, so a
 * re-run completes whatever a crashed run left and never repeats what a finished run did.
 */
public final class DailyReconciliation {

  /**
   * Everything the run needs besides its ports.
   *
   * @param ordersLookbackDays also read the orders exports of this many earlier dates, for orders
   *     created earlier and paid on the date (a later export of an order replaces an earlier one);
   *     0 reads the date's exports only
   * @param executor and {@code parallelism}: the CSV parsers' threads
   * @param ledgerExecutor and {@code ledgerWriters}: how many ledger writes are in flight at once
   * @param capacity the largest day the run reads; a larger one is refused with an alert
   */
  public record Settings(String stage, ZoneId businessZone, Optional<ZoneId> sellerZone, OrdersFormat ordersFormat, int ordersLookbackDays,
      Executor executor, int parallelism, Executor ledgerExecutor, int ledgerWriters, DayCapacity capacity) {

    /** Settings whose capacity is this JVM's heap ({@link DayCapacity#forHeap}). */
    public Settings(String stage, ZoneId businessZone, Optional<ZoneId> sellerZone, OrdersFormat ordersFormat, int ordersLookbackDays,
        Executor executor, int parallelism, Executor ledgerExecutor, int ledgerWriters) {
      this(stage, businessZone, sellerZone, ordersFormat, ordersLookbackDays, executor, parallelism, ledgerExecutor, ledgerWriters,
          DayCapacity.forHeap(Runtime.getRuntime().maxMemory()));
    }

    public Settings {
      Objects.requireNonNull(capacity, "capacity");
      Objects.requireNonNull(ledgerExecutor, "ledgerExecutor");
      if (ordersLookbackDays < 0) {
        throw new IllegalArgumentException("ordersLookbackDays must not be negative");
      }
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(businessZone, "businessZone");
      Objects.requireNonNull(sellerZone, "sellerZone");
      Objects.requireNonNull(ordersFormat, "ordersFormat");
      Objects.requireNonNull(executor, "executor");
    }
  }

  private final Settings settings;
  private final Reconciler reconciler;
  private final DailyFiles files;
  private final WebhookLog webhooks;
  private final ReportStore reports;
  private final Ledger ledgerStore;
  private final DiscrepancyLedger ledger;
  private final ReconcileAlerts alerts;
  private final AlertPublisher publisher;
  private final LookbackIndexStore indexes;
  private volatile Lookback.Stats lastLookback = new Lookback.Stats(0, 0, 0, 0, 0, 0);

  /** Without lookback indexes: every earlier export is read whole (the path before the index existed). */
  public DailyReconciliation(Settings settings, Reconciler reconciler, DailyFiles files, WebhookLog webhooks, ReportStore reports,
      Ledger ledger, ReconcileAlerts alerts, AlertPublisher publisher) {
    this(settings, reconciler, files, webhooks, reports, ledger, alerts, publisher, LookbackIndexStore.NONE);
  }

  /**
   * @param indexes where the lookback index of each date is kept: the run writes its date's and
   *     reads only the earlier orders its inputs touch (docs/reconciliation.md "Lookback")
   */
  public DailyReconciliation(Settings settings, Reconciler reconciler, DailyFiles files, WebhookLog webhooks, ReportStore reports,
      Ledger ledger, ReconcileAlerts alerts, AlertPublisher publisher, LookbackIndexStore indexes) {
    this.indexes = Objects.requireNonNull(indexes, "indexes");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    this.files = Objects.requireNonNull(files, "files");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.ledgerStore = Objects.requireNonNull(ledger, "ledger");
    this.ledger = new DiscrepancyLedger(ledger, settings.ledgerExecutor(), settings.ledgerWriters());
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * Reconciles {@code date}, judged as of its end.
   *
   * @param now when the run happens (the ledger's history)
   * @throws io.pagorecon.core.payment.StorageException on infrastructure faults (retry the run)
   */
  public DailyOutcome run(LocalDate date, Instant now) {
    // taken before the exports are listed: a change after it makes the index written below stale, never wrong
    Optional<String> ordersVersion = indexes.enabled() ? files.ordersVersion(date) : Optional.empty();
    Optional<DailyFiles.Statement> statement = files.statement(date);
    List<ReconcileFiles.Source> orderFiles = files.orders(date);
    List<String> missing = new ArrayList<>();
    if (statement.isEmpty()) {
      missing.add("statement: " + files.statementLocation(date));
    }
    if (orderFiles.isEmpty()) {
      missing.add("orders export: " + files.ordersLocation(date));
    }
    if (!missing.isEmpty()) {
      return notReconciled(date, DailyOutcome.Kind.MISSING_INPUT, missing);
    }
    RowBudget budget = new RowBudget(settings.capacity().maxRows());
    String reading = "the orders exports";
    try {
      OrdersCsvReader ordersReader = new OrdersCsvReader(settings.ordersFormat(), settings.executor(), settings.parallelism());
      boolean indexed = indexes.enabled() && settings.ordersLookbackDays() > 0;
      Lookback lookback = new Lookback(files, indexes, ordersReader, reconciler.config().calendar(), reconciler.config().openOrderFor(),
          settings.ordersLookbackDays());
      OrderColumns orders;
      if (indexes.enabled()) {
        orders = read(ordersReader, orderFiles, budget);
        lookback.writeIndex(date, orders, ordersVersion);
      } else {
        orders = readOrders(date, ordersReader, orderFiles, budget);
      }
      // codes are encoded against the orders as they are read (their text is never held for the day)
      IdIndex ids = new IdIndex(orders.ids());
      for (int i = 0; i < orders.size(); i++) {
        ids.putIfAbsent(i);
      }
      CodeColumn.Dictionary dictionary = new CodeColumn.Dictionary(orders.ids(), ids::get);
      reading = statement.get().csv().name();
      Optional<StatementColumns> rows = trustedStatement(statement.get(), budget, dictionary);
      if (rows.isEmpty()) {
        return notReconciled(date, DailyOutcome.Kind.MISSING_INPUT,
            List.of("statement: " + statement.get().csv().name() + " does not match the SHA-256 in " + statement.get().manifestName()));
      }
      StatementColumns statementRows = withPreviousDay(date, rows.get(), budget, dictionary);
      reading = "the webhooks of the payments table";
      WebhookColumns hooks = new WebhookColumns(1024);
      int[] unreadable = {0};
      NotificationParser parser = new NotificationParser();
      int[] line = {0};
      webhooks.forEachVerifiedOn(date, r -> {
        line[0]++;
        try {
          hooks.add(WebhookReceipt.of(r.receivedAt(), parser.parse(r.body()), line[0]));
          budget.take(1);
        } catch (InvalidNotificationException e) {
          unreadable[0]++;
        }
      });
      hooks.encodeCodes(dictionary);
      if (indexed) {
        reading = "the lookback of the orders exports";
        long[] cips = new long[statementRows.size() + hooks.size()];
        System.arraycopy(statementRows.cips(), 0, cips, 0, statementRows.size());
        System.arraycopy(hooks.cips(), 0, cips, statementRows.size(), hooks.size());
        int own = orders.size();
        lookback.addEarlierOrders(date, orders, ids, List.of(statementRows.codes().unresolved(), hooks.codes().unresolved()), cips, budget);
        if (orders.size() > own) {
          IdIndex all = ids;
          statementRows.codes().resolveAgain(all::get);
          hooks.codes().resolveAgain(all::get);
        }
        lastLookback = lookback.stats();
      }
      hooks.trim();
      dictionary = null;
      ids = null;
      ReconcileResult result;
      try {
        // The payments table is always a webhook source: an empty day there means the webhooks were lost.
        result = reconciler.reconcile(new ColumnInput(orders, statementRows, hooks, true), Scope.businessDate(date, reconciler.config().calendar()));
      } catch (InputConflictException e) {
        String file = e.source() == InputConflictException.Source.ORDERS ? files.ordersLocation(date) : statement.get().csv().name();
        return notReconciled(date, DailyOutcome.Kind.BAD_INPUT, List.of(file + ": line " + e.line() + ": " + e.field() + ": " + e.getMessage()));
      }
      return reconciled(date, now, result, unreadable[0]);
    } catch (RowBudget.ExceededException e) {
      return notReconciled(date, DailyOutcome.Kind.TOO_LARGE, List.of(settings.capacity().problem("in " + reading)));
    } catch (InputFileException e) {
      return notReconciled(date, DailyOutcome.Kind.BAD_INPUT, List.of(e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading the inputs of " + date + " failed", e);
    }
  }

  /**
   * The date's own exports, then the orders of the earlier dates' exports that the date's do not
   * have: the latest export of an order wins (newer date, then later file, then later line). An
   * order id twice among the date's own exports stays twice: that is bad input and the engine says
   * where.
   */
  private OrderColumns readOrders(LocalDate date, OrdersCsvReader reader, List<ReconcileFiles.Source> own, RowBudget budget)
      throws IOException, InputFileException {
    OrderColumns orders = read(reader, own, budget);
    if (settings.ordersLookbackDays() == 0) {
      return orders;
    }
    IdIndex taken = new IdIndex(orders.ids(), orders.size() * 2);
    for (int i = 0; i < orders.size(); i++) {
      taken.putIfAbsent(i);
    }
    for (int back = 1; back <= settings.ordersLookbackDays(); back++) {
      OrderColumns earlier = read(reader, files.orders(date.minusDays(back)), RowBudget.unlimited());
      for (int i = earlier.size() - 1; i >= 0; i--) {
        if (taken.get(earlier.ids(), i) < 0) {
          orders.addRow(earlier, i);
          taken.putIfAbsent(orders.size() - 1);
          budget.take(1);
        }
      }
    }
    return orders;
  }

  /** What the last run's lookback read (zeros without indexes): for the bench and the logs. */
  public String lastLookback() {
    Lookback.Stats s = lastLookback;
    return "indexed_days=" + s.indexedDays() + " full_read_days=" + s.fullReadDays() + " days_without_exports=" + s.daysWithoutExports()
        + " index_bytes_read=" + s.indexBytesRead()
        + " orders_fetched=" + s.ordersFetched() + " orders_added=" + s.ordersAdded();
  }

  private DailyOutcome reconciled(LocalDate date, Instant now, ReconcileResult result, int unreadable) throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(settings.businessZone(), settings.sellerZone()).write(result, csv);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    new SummaryJsonWriter(settings.businessZone()).write(result, json);
    List<String> where = reports.publish(date, csv.toByteArray(), json.toByteArray());

    LedgerUpdate update = ledger.apply(date, result.discrepancies(), now);

    ReconcileAlerts.Plan plan = alerts.plan(
        new ReconcileAlerts.RunFacts(date, settings.stage(), settings.businessZone(), result, update.alertPending(), where),
        ledgerStore::hasMarker);
    if (plan.alert().isPresent()) {
      publisher.publish(plan.alert().get());
      ledger.alerted(plan.settles());
      plan.markers().forEach(ledgerStore::putMarker);
    }
    return new DailyOutcome(date, DailyOutcome.Kind.RECONCILED, Optional.of(result), Optional.of(update), where, List.of(),
        plan.alert().isPresent(), unreadable);
  }

  /**
   * The date's statement plus the CIPs only the previous day's statement has: an order created late
   * yesterday runs out of its 24 open hours today, and its CIP, paid yesterday, is listed only there
   * (it is neither active nor open today). The date's own rows win; an earlier statement that is
   * absent or not trusted adds nothing. Rows dated yesterday yield no finding for this date.
   */
  private StatementColumns withPreviousDay(LocalDate date, StatementColumns own, RowBudget budget, CodeColumn.Dictionary dictionary)
      throws IOException, InputFileException {
    Optional<DailyFiles.Statement> previous = files.statement(date.minusDays(1));
    Optional<StatementColumns> earlier = previous.isEmpty() ? Optional.empty() : trustedStatement(previous.get(), RowBudget.unlimited(), dictionary);
    if (earlier.isEmpty()) {
      return own;
    }
    StatementColumns e = earlier.get();
    CipIndex ownCips = new CipIndex(own.cips(), own.size());
    for (int j = 0; j < own.size(); j++) {
      ownCips.put(j);
    }
    CipIndex added = new CipIndex(e.cips(), e.size());
    for (int j = 0; j < e.size(); j++) {
      if (ownCips.get(e.cip(j)) < 0 && added.get(e.cip(j)) < 0) {
        added.put(j);
        own.addRow(e, j);
        budget.take(1);
      }
    }
    own.trim();
    return own;
  }

  private static OrderColumns read(OrdersCsvReader reader, List<ReconcileFiles.Source> sources, RowBudget budget) throws IOException, InputFileException {
    OrderColumns out = new OrderColumns(16, false);
    for (ReconcileFiles.Source f : sources) {
      try (InputStream in = f.opener().open()) {
        out.addAll(reader.readColumns(f.name(), in, budget));
      }
    }
    return out;
  }

  /** Alerts once per date and problem: the same missing input re-run stays quiet, a new problem speaks. */
  private DailyOutcome notReconciled(LocalDate date, DailyOutcome.Kind kind, List<String> problems) {
    String marker = ReconcileAlerts.missingMarker(date) + "#" + sha256(String.join("\n", problems).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    boolean alerted = false;
    if (!ledgerStore.hasMarker(marker)) {
      Alert alert = kind == DailyOutcome.Kind.TOO_LARGE
          ? alerts.tooLarge(date, settings.stage(), settings.businessZone(), problems.get(0))
          : alerts.missingInputs(date, settings.stage(), settings.businessZone(), problems);
      publisher.publish(alert);
      ledgerStore.putMarker(marker);
      alerted = true;
    }
    return new DailyOutcome(date, kind, Optional.empty(), Optional.empty(), List.of(), problems, alerted, 0);
  }

  /** Parses the CSV as columns while hashing it; empty when the bytes are not the ones the manifest names. */
  private Optional<StatementColumns> trustedStatement(DailyFiles.Statement s, RowBudget budget, CodeColumn.Dictionary dictionary)
      throws IOException, InputFileException {
    StatementCsvReader reader = new StatementCsvReader(settings.executor(), settings.parallelism());
    return trusted(s, in -> reader.readColumns(s.csv().name(), in, budget, dictionary));
  }

  /** The statement as rows (the settlement run's form), checked against its manifest the same way. */
  static Optional<List<StatementRow>> trustedStatement(DailyFiles.Statement s, Executor executor, int parallelism) throws IOException, InputFileException {
    StatementCsvReader reader = new StatementCsvReader(executor, parallelism);
    return trusted(s, in -> reader.read(s.csv().name(), in));
  }

  private interface CsvParse<T> {
    T parse(java.io.InputStream in) throws IOException, InputFileException;
  }

  /** Parses while hashing; empty when the bytes are not the ones the manifest names. */
  private static <T> Optional<T> trusted(DailyFiles.Statement s, CsvParse<T> parse) throws IOException, InputFileException {
    Optional<String> expected = manifestSha256(s.manifestJson());
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = newSha256();
    T rows;
    try (DigestInputStream in = new DigestInputStream(s.csv().opener().open(), digest)) {
      rows = parse.parse(in);
      // Whatever the reader left unread still counts for the digest.
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    return actual.equalsIgnoreCase(expected.get()) ? Optional.of(rows) : Optional.empty();
  }

  /** {@code file.sha256} of the statement manifest; empty when the manifest does not say. */
  static Optional<String> manifestSha256(byte[] manifest) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(manifest)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("file".equals(name) && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if ("sha256".equals(field) && v == JsonToken.VALUE_STRING) {
              return Optional.of(p.getText());
            }
            p.skipChildren();
          }
          return Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

}
