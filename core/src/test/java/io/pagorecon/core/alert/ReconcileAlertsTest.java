package io.pagorecon.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.CurrencyTotals;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.fixtures.InMemoryLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcileAlertsTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final ZoneId LIMA = ZoneId.of("America/Lima");

  private static Discrepancy d(Category c, String order, String amount, String detail) {
    Optional<Money> m = Optional.of(Money.of(amount, Currency.PEN));
    return new Discrepancy(c, Optional.of(DAY), order, "9" + order, m, m, Optional.of(Currency.PEN), Optional.empty(), Optional.empty(),
        detail, Optional.empty());
  }

  private static ReconcileResult result(List<Discrepancy> ds) {
    Map<Category, Long> counts = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      counts.put(c, ds.stream().filter(x -> x.category() == c).count());
    }
    Money zero = Money.of("0.00", Currency.PEN);
    Map<Currency, CurrencyTotals> totals = Map.of(Currency.PEN, new CurrencyTotals(0, zero, 0, zero, 0, zero));
    return new ReconcileResult(Optional.of(DAY), Instant.parse("2024-01-16T05:00:00Z"), ds, 7, counts, totals);
  }

  private static List<LedgerEntry> pendingFor(List<Discrepancy> ds) {
    return new DiscrepancyLedger(new InMemoryLedger()).apply(DAY, ds, Instant.EPOCH).alertPending();
  }

  private static final List<Discrepancy> FINDINGS = List.of(
      d(Category.PAID_NOT_RECORDED, "A1", "160.35", ""),
      d(Category.AMOUNT_MISMATCH, "A3", "5000.00", "x100: paid 5000.00, order 50.00"),
      d(Category.LATE_WEBHOOK, "A4", "10.00", "45 min"));

  private ReconcileAlerts.Plan plan(AlertLanguage lang, List<Discrepancy> ds, List<LedgerEntry> pending) {
    return new ReconcileAlerts(new AlertPolicy(lang, 0, BigDecimal.ZERO, false, 5))
        .plan(new ReconcileAlerts.RunFacts(DAY, "production", LIMA, result(ds), pending,
            List.of("s3://data/reports/production/2024/01/15/discrepancies.csv")), k -> false);
  }

  @Test
  void chineseByDefault_shouldShowCountsLargestItemsDateAndReports() {
    ReconcileAlerts alerts = new ReconcileAlerts(AlertPolicy.defaults());
    Alert a = alerts.plan(new ReconcileAlerts.RunFacts(DAY, "production", LIMA, result(FINDINGS), pendingFor(FINDINGS),
        List.of("s3://data/reports/production/2024/01/15/discrepancies.csv")), k -> false).alert().orElseThrow();

    assertEquals("[pagorecon production] 2024-01-15 对账：1 个新的严重差异，共 3 个差异", a.subject());
    assertTrue(a.body().contains("业务日期：2024-01-15 (America/Lima)"), a.body());
    assertTrue(a.body().contains("- PAID_NOT_RECORDED (已付款但订单未记录, critical): 1"), a.body());
    assertTrue(a.body().contains("- AMOUNT_MISMATCH (金额不符, high): 1"), a.body());
    assertTrue(a.body().contains("已匹配：7"), a.body());
    assertTrue(a.body().contains("s3://data/reports/production/2024/01/15/discrepancies.csv"), a.body());
    String largest = a.body().substring(a.body().indexOf("金额最大的差异："));
    assertTrue(largest.indexOf("A3") < largest.indexOf("A1") && largest.indexOf("A1") < largest.indexOf("A4"), largest);
    assertEquals(Alert.Severity.CRITICAL, a.severity());
    assertEquals("production", a.stage());
  }

  @Test
  void english_shouldBeSelectable() {
    Alert a = plan(AlertLanguage.EN, FINDINGS, pendingFor(FINDINGS)).alert().orElseThrow();

    assertEquals("[pagorecon production] 2024-01-15 reconciliation: 1 new critical, 3 discrepancies", a.subject());
    assertTrue(a.body().contains("Counts per category:"), a.body());
    assertTrue(a.body().contains("PAID_NOT_RECORDED order A1 CIP 9A1 PEN 160.35"), a.body());
    assertTrue(a.body().contains("(x100: paid 5000.00, order 50.00)"), a.body());
  }

  @Test
  void spanish_shouldBeSelectable() {
    Alert a = plan(AlertLanguage.ES, FINDINGS, pendingFor(FINDINGS)).alert().orElseThrow();

    assertEquals("[pagorecon production] 2024-01-15 conciliación: 1 críticas nuevas, 3 discrepancias", a.subject());
    assertTrue(a.body().contains("Fecha de negocio: 2024-01-15"), a.body());
    assertTrue(a.body().contains("AMOUNT_MISMATCH (monto distinto, high): 1"), a.body());
  }

  @Test
  void nothingNewAndNoThresholds_shouldStayQuiet() {
    ReconcileAlerts.Plan p = plan(AlertLanguage.EN, FINDINGS, List.of());

    assertTrue(p.alert().isEmpty());
  }

  @Test
  void countThreshold_shouldAlertOncePerDate() {
    ReconcileAlerts alerts = new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 3, BigDecimal.ZERO, false, 5));
    ReconcileAlerts.RunFacts facts = new ReconcileAlerts.RunFacts(DAY, "sandbox", LIMA, result(FINDINGS), List.of(), List.of());

    ReconcileAlerts.Plan first = alerts.plan(facts, k -> false);
    ReconcileAlerts.Plan rerun = alerts.plan(facts, Set.of(ReconcileAlerts.thresholdMarker(DAY))::contains);

    // No new critical entry, but the day holds one: the message carries the worst severity.
    assertEquals(Alert.Severity.CRITICAL, first.alert().orElseThrow().severity());
    assertTrue(first.alert().get().body().contains("Alert thresholds exceeded."));
    assertEquals(List.of(ReconcileAlerts.thresholdMarker(DAY)), first.markers());
    assertTrue(rerun.alert().isEmpty());
  }

  @Test
  void countBelowThreshold_shouldNotAlert() {
    ReconcileAlerts alerts = new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 4, BigDecimal.ZERO, false, 5));

    assertFalse(alerts.exceedsThresholds(result(FINDINGS)));
  }

  @Test
  void amountThreshold_shouldCompareTheSumPerCurrency() {
    assertTrue(new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, new BigDecimal("5170.35"), false, 5)).exceedsThresholds(result(FINDINGS)));
    assertFalse(new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, new BigDecimal("5170.36"), false, 5)).exceedsThresholds(result(FINDINGS)));
  }

  @Test
  void largestItems_shouldBeCappedAndTheRestCounted() {
    List<Discrepancy> many = List.of(
        d(Category.PAID_NOT_RECORDED, "B1", "1.00", ""), d(Category.PAID_NOT_RECORDED, "B2", "2.00", ""),
        d(Category.PAID_NOT_RECORDED, "B3", "3.00", ""));
    Alert a = new ReconcileAlerts(new AlertPolicy(AlertLanguage.EN, 0, BigDecimal.ZERO, false, 2))
        .plan(new ReconcileAlerts.RunFacts(DAY, "sandbox", LIMA, result(many), pendingFor(many), List.of()), k -> false)
        .alert().orElseThrow();

    assertTrue(a.body().contains("... 1 more, see the report"), a.body());
    assertFalse(a.body().contains("order B1 "), a.body());
  }

  @Test
  void missingInputs_shouldBeCriticalAndSayWhatIsMissing() {
    Alert a = new ReconcileAlerts(AlertPolicy.defaults()).missingInputs(DAY, "sandbox", LIMA,
        List.of("statement: s3://data/statements/sandbox/2024/01/15/manifest.json"));

    assertEquals(Alert.Severity.CRITICAL, a.severity());
    assertEquals("[pagorecon sandbox] 2024-01-15 无法对账：缺少输入", a.subject());
    assertTrue(a.body().contains("- statement: s3://data/statements/sandbox/2024/01/15/manifest.json"), a.body());
  }

  @Test
  void subjects_shouldStayUnderTheSnsLimit() {
    Alert a = new ReconcileAlerts(new AlertPolicy(AlertLanguage.ES, 0, BigDecimal.ZERO, false, 5))
        .missingInputs(DAY, "x".repeat(120), LIMA, List.of("statement"));

    assertTrue(a.subject().length() < 100);
    assertFalse(a.subject().contains("\n"));
  }

  @Test
  void languageParsing_shouldAcceptTheThreeCodesOnly() {
    assertEquals(Optional.of(AlertLanguage.ZH), AlertLanguage.parse(" ZH "));
    assertEquals(Optional.of(AlertLanguage.ES), AlertLanguage.parse("es"));
    assertEquals(Optional.empty(), AlertLanguage.parse("fr"));
  }
}
