package io.pagorecon.core.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryDailyFiles;
import io.pagorecon.fixtures.InMemoryLedger;
import io.pagorecon.fixtures.InMemoryReportStore;
import io.pagorecon.fixtures.InMemoryWebhookLog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyReconciliationTest {

  private static final Instant NOW = Instant.parse("2024-01-16T11:00:00Z");

  private final InMemoryDailyFiles files = new InMemoryDailyFiles();
  private final InMemoryWebhookLog webhooks = new InMemoryWebhookLog();
  private final InMemoryReportStore reports = new InMemoryReportStore();
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final InMemoryAlertPublisher publisher = new InMemoryAlertPublisher();

  private DailyReconciliation useCase(AlertPolicy policy) {
    return useCase(policy, 0);
  }

  private DailyReconciliation useCase(AlertPolicy policy, int lookbackDays) {
    DailyReconciliation.Settings settings = new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"),
        Optional.of(ZoneId.of("Asia/Shanghai")), OrdersFormat.CANONICAL, lookbackDays, Runnable::run, 1, Runnable::run, 1);
    return new DailyReconciliation(settings, new Reconciler(ReconcileConfig.defaults()), files, webhooks, reports, ledger,
        new ReconcileAlerts(policy), publisher);
  }

  private DailyReconciliation useCase() {
    return useCase(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5));
  }

  @Test
  void day_shouldWriteReportsLedgerAndOneAlertForTheNewCriticalItem() {
    DailyDataset.load(files, webhooks, "PENDING");

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.RECONCILED, o.kind());
    assertEquals(1, o.result().orElseThrow().matched());
    InMemoryReportStore.Reports r = reports.day(DailyDataset.DAY).orElseThrow();
    String csv = new String(r.csv(), StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("\uFEFFbusiness_date,category"), csv);
    assertTrue(csv.contains("seller_time"), csv);
    assertTrue(csv.contains("PAID_NOT_RECORDED") && csv.contains("AMOUNT_MISMATCH"), csv);
    assertTrue(r.summaryJson().contains("\"matched\""), r.summaryJson());
    assertEquals(2, ledger.all().size());
    assertEquals(1, publisher.published().size());
    Alert a = publisher.published().get(0);
    assertEquals(Alert.Severity.CRITICAL, a.severity());
    assertEquals("sandbox", a.stage());
    assertTrue(a.body().contains("PAID_NOT_RECORDED order A1 CIP 1001 PEN 160.35"), a.body());
    assertTrue(a.body().contains("mem:reports/2024-01-15/discrepancies.csv"), a.body());
    assertFalse(ledger.find("PAID_NOT_RECORDED|A1|1001").orElseThrow().alertPending());
  }

  @Test
  void rerun_shouldAddNoEntryAndNoAlert() {
    DailyDataset.load(files, webhooks, "PENDING");
    useCase().run(DailyDataset.DAY, NOW);
    int saves = ledger.saves();

    DailyOutcome again = useCase().run(DailyDataset.DAY, NOW.plusSeconds(3600));

    assertFalse(again.alerted());
    assertEquals(1, publisher.published().size());
    assertEquals(saves, ledger.saves());
    assertEquals(2, ledger.all().size());
  }

  @Test
  void fixedOrder_shouldAutoResolveItsEntry() {
    DailyDataset.load(files, webhooks, "PENDING");
    useCase().run(DailyDataset.DAY, NOW);
    files.putOrders(DailyDataset.DAY, "shop.csv", DailyDataset.orders("PAID"));

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW.plusSeconds(3600));

    assertEquals(1, o.ledger().orElseThrow().autoResolved().size());
    assertEquals(LedgerStatus.AUTO_RESOLVED, ledger.find("PAID_NOT_RECORDED|A1|1001").orElseThrow().status());
    assertEquals(LedgerStatus.OPEN, ledger.find("AMOUNT_MISMATCH|A3|1003").orElseThrow().status());
  }

  @Test
  void crashAfterTheLedgerBeforeTheAlert_shouldAlertOnTheRerun() {
    DailyDataset.load(files, webhooks, "PENDING");
    publisher.failNextPublishes(1);
    try {
      useCase().run(DailyDataset.DAY, NOW);
    } catch (StorageException expected) {
      // the run failed after applying the ledger
    }
    assertEquals(0, publisher.published().size());

    DailyOutcome again = useCase().run(DailyDataset.DAY, NOW);

    assertTrue(again.alerted());
    assertEquals(1, publisher.published().size());
    assertTrue(publisher.published().get(0).body().contains("A1"));
  }

  @Test
  void orderCreatedLateYesterday_shouldNotBeExpiredOpen_whenItsCipWasPaidYesterday() {
    // Created 23:00 yesterday, paid 23:50 yesterday (only yesterday's statement lists the CIP), still
    // PENDING in the shop: its 24 open hours end today, but its CIP is paid, so EXPIRED_ORDER_OPEN is
    // false; the PAID_NOT_RECORDED belongs to yesterday.
    String yesterday = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
        + "999,A9,10.00,PEN,PAID,2024-01-14T23:00:00-05:00,2024-01-16T23:00:00-05:00,2024-01-14T23:50:00-05:00,\n";
    files.putStatement(DailyDataset.DAY.minusDays(1), yesterday, DailyDataset.manifest(yesterday));
    DailyDataset.load(files, webhooks, "PAID");
    files.putOrders(DailyDataset.DAY, "shop.csv", DailyDataset.orders("PAID") + "A9,999,10.00,PEN,PENDING,2024-01-14T23:00:00-05:00,\n");

    DailyOutcome withYesterday = useCase().run(DailyDataset.DAY, NOW);
    files.putStatement(DailyDataset.DAY.minusDays(1), yesterday, DailyDataset.manifest("tampered"));
    DailyOutcome untrustedYesterday = useCase().run(DailyDataset.DAY, NOW.plusSeconds(60));

    assertTrue(withYesterday.result().orElseThrow().discrepancies().stream().noneMatch(d -> d.orderId().equals("A9")),
        withYesterday.result().orElseThrow().discrepancies().toString());
    assertTrue(untrustedYesterday.result().orElseThrow().discrepancies().stream()
        .anyMatch(d -> d.orderId().equals("A9") && d.category().name().equals("EXPIRED_ORDER_OPEN")));
  }

  @Test
  void missingStatement_shouldAlertOnceAndTouchNothing() {
    files.putOrders(DailyDataset.DAY, "shop.csv", DailyDataset.orders("PENDING"));

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);
    useCase().run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.MISSING_INPUT, o.kind());
    assertEquals(1, publisher.published().size());
    Alert a = publisher.published().get(0);
    assertEquals(Alert.Severity.CRITICAL, a.severity());
    assertTrue(a.body().contains("statement: mem:statements/2024-01-15/manifest.json"), a.body());
    assertTrue(ledger.all().isEmpty());
    assertTrue(reports.day(DailyDataset.DAY).isEmpty());
  }

  @Test
  void missingOrdersExport_shouldAlert() {
    files.putStatement(DailyDataset.DAY, DailyDataset.STATEMENT, DailyDataset.manifest(DailyDataset.STATEMENT));

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.MISSING_INPUT, o.kind());
    assertTrue(publisher.published().get(0).body().contains("orders export: mem:orders/2024-01-15/"));
  }

  @Test
  void statementNotMatchingItsManifest_shouldNotBeTrusted() {
    DailyDataset.load(files, webhooks, "PENDING");
    files.putStatement(DailyDataset.DAY, DailyDataset.STATEMENT + "1004,A4,1.00,PEN,PAID,,,,\n", DailyDataset.manifest(DailyDataset.STATEMENT));

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.MISSING_INPUT, o.kind());
    assertTrue(o.problems().get(0).contains("does not match the SHA-256"), o.problems().toString());
    assertTrue(ledger.all().isEmpty());
  }

  @Test
  void badOrdersFile_shouldNameFileLineAndFieldInTheAlert() {
    DailyDataset.load(files, webhooks, "PENDING");
    files.putOrders(DailyDataset.DAY, "shop.csv", DailyDataset.ORDERS_HEADER + "A1,1001,abc,PEN,PAID,2024-01-15T08:59:00-05:00,\n");

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.BAD_INPUT, o.kind());
    String body = publisher.published().get(0).body();
    assertTrue(body.contains("mem:orders/2024-01-15/shop.csv") && body.contains("2") && body.contains("amount"), body);
  }

  @Test
  void dayLargerThanTheCapacity_shouldAlertWithItsSizeAndTouchNothing() {
    DailyDataset.load(files, webhooks, "PENDING");
    // the dataset has 3 orders and 3 statement rows: 4 rows fit, the statement passes the limit
    DailyReconciliation.Settings settings = new DailyReconciliation.Settings("sandbox", ZoneId.of("America/Lima"), Optional.empty(),
        OrdersFormat.CANONICAL, 0, Runnable::run, 1, Runnable::run, 1, new DayCapacity(512L << 20, 4));
    DailyReconciliation uc = new DailyReconciliation(settings, new Reconciler(ReconcileConfig.defaults()), files, webhooks, reports, ledger,
        new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5)), publisher);

    DailyOutcome o = uc.run(DailyDataset.DAY, NOW);

    assertEquals(DailyOutcome.Kind.TOO_LARGE, o.kind());
    assertTrue(reports.day(DailyDataset.DAY).isEmpty());
    assertTrue(ledger.all().isEmpty());
    Alert a = publisher.published().get(0);
    assertTrue(a.subject().contains("day too large"), a.subject());
    assertTrue(a.body().contains("more than 4 input rows") && a.body().contains("512 MiB") && a.body().contains("statement.csv")
        && a.body().contains("MemorySize"), a.body());
  }

  @Test
  void ordersSplitOverTwoExports_shouldBeReconciledTogether() {
    DailyDataset.load(files, webhooks, "PENDING");
    String[] lines = DailyDataset.orders("PAID").split("\n");
    files.putOrders(DailyDataset.DAY, "shop.csv", lines[0] + "\n" + lines[1] + "\n");
    files.putOrders(DailyDataset.DAY, "shop-2.csv", lines[0] + "\n" + lines[2] + "\n" + lines[3] + "\n");

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(2, o.result().orElseThrow().matched());
    assertEquals(1L, o.result().orElseThrow().countsByCategory().get(Category.AMOUNT_MISMATCH));
  }

  @Test
  void orderExportedTheDayBefore_andPaidOnTheDate_shouldBeFoundThroughTheLookback() {
    DailyDataset.load(files, webhooks, "PAID");
    String[] lines = DailyDataset.orders("PAID").split("\n");
    // A1 was created and exported the day before (still PENDING then); today's export lacks it.
    files.putOrders(DailyDataset.DAY, "shop.csv", lines[0] + "\n" + lines[2] + "\n" + lines[3] + "\n");
    files.putOrders(DailyDataset.DAY.minusDays(1), "shop.csv", lines[0] + "\n" + lines[1].replace("PAID", "PENDING") + "\n");
    files.putOrders(DailyDataset.DAY.minusDays(2), "shop.csv", lines[0] + "\n" + lines[1].replace("PAID", "CANCELLED") + "\n");

    DailyOutcome without = useCase(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5), 0).run(DailyDataset.DAY, NOW);
    DailyOutcome with = useCase(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 5), 2).run(DailyDataset.DAY, NOW);

    assertEquals(1L, without.result().orElseThrow().countsByCategory().get(Category.UNKNOWN_ORDER));
    assertEquals(0L, with.result().orElseThrow().countsByCategory().get(Category.UNKNOWN_ORDER));
    // The latest earlier export (PENDING, the day before) wins over the older one (CANCELLED).
    assertEquals(1L, with.result().orElseThrow().countsByCategory().get(Category.PAID_NOT_RECORDED));
    assertEquals(Optional.of(OrderStatus.PENDING), with.result().get().discrepancies().stream()
        .filter(d -> d.orderId().equals("A1")).findFirst().orElseThrow().orderStatus());
  }

  @Test
  void dayWithoutAnyRecordedWebhook_shouldReportEveryPaidCipAsMissingItsWebhook() {
    files.putStatement(DailyDataset.DAY, DailyDataset.STATEMENT, DailyDataset.manifest(DailyDataset.STATEMENT));
    files.putOrders(DailyDataset.DAY, "shop.csv", DailyDataset.orders("PAID"));

    DailyOutcome o = useCase().run(DailyDataset.DAY, NOW);

    assertEquals(3L, o.result().orElseThrow().countsByCategory().get(Category.MISSING_WEBHOOK));
  }

  @Test
  void cleanDay_withDailySummary_shouldSendOneInfoSummaryOnly() {
    DailyDataset.load(files, webhooks, "PAID");
    files.putStatement(DailyDataset.DAY, DailyDataset.STATEMENT.replace("5000.00", "50.00"),
        DailyDataset.manifest(DailyDataset.STATEMENT.replace("5000.00", "50.00")));
    webhooks.add(DailyDataset.DAY, NOW, "{}");
    DailyReconciliation withSummary = useCase(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, true, 5));

    DailyOutcome o = withSummary.run(DailyDataset.DAY, NOW);
    withSummary.run(DailyDataset.DAY, NOW);

    assertTrue(o.result().orElseThrow().clean(), o.result().toString());
    assertEquals(1, publisher.published().size());
    assertEquals(Alert.Severity.INFO, publisher.published().get(0).severity());
    assertTrue(publisher.published().get(0).subject().contains("no discrepancies"));
    assertEquals(1, o.unreadableWebhooks());
  }

  @Test
  void ledgerEntries_shouldCarryTheAmountsForTheLargestItems() {
    DailyDataset.load(files, webhooks, "PENDING");
    useCase().run(DailyDataset.DAY, NOW);

    LedgerEntry e = ledger.find("AMOUNT_MISMATCH|A3|1003").orElseThrow();
    assertEquals(new BigDecimal("5000.00"), e.rankAmount());
    assertTrue(e.detail().contains("x100"), e.detail());
  }
}
