package io.pagorecon.core.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.settlement.SettlementSummary.PayoutStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettlerTest {

  /** Monday 15 January 2024; nothing around it is a holiday. */
  static final LocalDate MON = LocalDate.of(2024, 1, 15);

  private final List<StatementRow> statement = new ArrayList<>();
  private final List<SettlementRow> settlements = new ArrayList<>();
  private final List<BankCredit> credits = new ArrayList<>();
  private final List<FeeContract> fees = new ArrayList<>(List.of(
      new FeeContract(Currency.PEN, new BigDecimal("3.5"), new BigDecimal("0.50"), new BigDecimal("18"), new BigDecimal("1.00"), 2),
      new FeeContract(Currency.USD, new BigDecimal("4"), BigDecimal.ZERO, new BigDecimal("18"), new BigDecimal("0.30"), 3)));
  private final List<ReferenceRate> rates = new ArrayList<>();
  private SettlementConfig config = SettlementConfig.defaults();

  /** A PAID CIP, paid at 10:00 Lima on {@code paidOn}. */
  private void paid(String cip, String amount, Currency currency, LocalDate paidOn) {
    Instant at = paidOn.atTime(15, 0).toInstant(java.time.ZoneOffset.UTC);
    statement.add(StatementRow.of(cip, "ORD-" + cip, Money.of(amount, currency), PaymentState.PAID, at.minusSeconds(3600), null, at, null));
  }

  /** A settled row whose fee, tax and net follow the contract, in PEN. */
  private SettlementRow settled(String id, LocalDate on, String cip, String gross) {
    FeeContract pen = fees.get(0);
    BigDecimal g = new BigDecimal(gross);
    BigDecimal fee = pen.fee(g);
    BigDecimal tax = pen.tax(fee);
    return row(id, on, cip, gross, Currency.PEN, fee.toPlainString(), tax.toPlainString(), g.subtract(fee).subtract(tax).toPlainString(), Currency.PEN, null);
  }

  private SettlementRow row(String id, LocalDate on, String cip, String gross, Currency currency, String fee, String tax, String net, Currency payout, String rate) {
    SettlementRow r = new SettlementRow(id, on, Long.parseLong(cip), "ORD-" + cip, minor(gross), currency, minor(fee), minor(tax), minor(net), payout,
        rate == null ? null : new BigDecimal(rate), settlements.size() + 2);
    settlements.add(r);
    return r;
  }

  private void credit(LocalDate on, String amount, Currency currency, String reference) {
    credits.add(new BankCredit(on, minor(amount), currency, reference, credits.size() + 2));
  }

  private static long minor(String amount) {
    return new BigDecimal(amount).movePointRight(2).longValueExact();
  }

  private SettlementResult run(LocalDate asOf) throws Exception {
    return new Settler(config).settle(new SettlementInput(statement, settlements, credits, fees, rates), asOf);
  }

  private static List<String> categories(SettlementResult r) {
    return r.findings().stream().map(f -> f.category().name()).collect(Collectors.toList());
  }

  private static SettlementFinding only(SettlementResult r, SettlementCategory c) {
    List<SettlementFinding> found = r.findings().stream().filter(f -> f.category() == c).collect(Collectors.toList());
    assertEquals(1, found.size(), () -> "findings: " + r.findings());
    return found.get(0);
  }

  /** Paid Monday, settled Tuesday, credited Wednesday by reference: nothing to say. */
  private void consistentSettlement(String id, String cip) {
    paid(cip, "100.00", Currency.PEN, MON);
    SettlementRow r = settled(id, MON.plusDays(1), cip, "100.00");
    credit(MON.plusDays(2), Settler.money(r.netMinor()).toPlainString(), Currency.PEN, "ABONO PAGOEFECTIVO LIQ " + id);
  }

  @Test
  void consistentSettlement_shouldHaveNoFinding_andBeReceived() throws Exception {
    consistentSettlement("LQ-1", "1001");
    SettlementResult r = run(MON.plusDays(30));
    assertEquals(List.of(), categories(r));
    SettlementSummary s = r.settlements().get(0);
    assertEquals(PayoutStatus.RECEIVED, s.status());
    // fee max(1.00, round(100 * 3.5% + 0.50)) = 4.00, tax 0.72, net 95.28
    assertEquals(new BigDecimal("95.28"), s.net());
    assertEquals(new BigDecimal("95.28"), s.received());
    assertEquals(new BigDecimal("4.00"), s.fees().get(Currency.PEN));
    assertEquals(new BigDecimal("0.72"), s.taxes().get(Currency.PEN));
    assertEquals(new BigDecimal("95.28"), r.totals().get(Currency.PEN).received());
  }

  @Test
  void settledNotPaid_shouldBeReported_whenTheStatementSaysExpiredOrDoesNotKnowTheCip() throws Exception {
    consistentSettlement("LQ-1", "1001");
    statement.add(StatementRow.of("1002", "ORD-1002", Money.of("50.00", Currency.PEN), PaymentState.EXPIRED, MON.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), null, null, null));
    settled("LQ-1", MON.plusDays(1), "1002", "50.00");
    settled("LQ-1", MON.plusDays(1), "1003", "20.00");
    credits.clear();
    credit(MON.plusDays(2), "161.20", Currency.PEN, "LQ-1");
    SettlementResult r = run(MON.plusDays(30));
    List<SettlementFinding> f = r.findings().stream().filter(x -> x.category() == SettlementCategory.SETTLED_NOT_PAID).collect(Collectors.toList());
    assertEquals(2, f.size(), r.findings()::toString);
    assertEquals(1002L, f.get(0).cip());
    assertEquals("the statement says EXPIRED", f.get(0).detail());
    assertEquals("LQ-1", f.get(0).settlementId());
    assertEquals(1003L, f.get(1).cip());
    assertEquals("the statement does not know this CIP", f.get(1).detail());
    assertEquals(List.of("SETTLED_NOT_PAID", "SETTLED_NOT_PAID"), categories(r));
  }

  @Test
  void settledTwice_shouldNameTheLaterSettlement() throws Exception {
    consistentSettlement("LQ-1", "1001");
    SettlementRow again = settled("LQ-2", MON.plusDays(2), "1001", "100.00");
    credit(MON.plusDays(3), "95.28", Currency.PEN, "LQ-2");
    SettlementResult r = run(MON.plusDays(30));
    SettlementFinding f = only(r, SettlementCategory.SETTLED_TWICE);
    assertEquals("LQ-2", f.settlementId());
    assertEquals(1001L, f.cip());
    assertEquals(new BigDecimal("100.00"), f.expected());
    assertEquals(new BigDecimal("200.00"), f.actual());
    assertEquals(List.of("SETTLED_TWICE"), categories(r));
    assertEquals(again.settlementId(), r.settlements().get(1).settlementId());
  }

  @Test
  void payoutNotReceived_shouldWaitForPayoutDaysSkippingTheWeekendAndTheJulyHolidaysAcrossTheMonthEnd() throws Exception {
    // Friday 26 July 2024; 27-28 weekend, 29 July holiday (28 July also is): +3 business days = Thursday 1 August
    LocalDate friday = LocalDate.of(2024, 7, 26);
    paid("2001", "100.00", Currency.PEN, friday.minusDays(1));
    settled("LQ-7", friday, "2001", "100.00");
    assertEquals(List.of(), categories(run(LocalDate.of(2024, 7, 31))));
    SettlementResult r = run(LocalDate.of(2024, 8, 1));
    SettlementFinding f = only(r, SettlementCategory.PAYOUT_NOT_RECEIVED);
    assertEquals("LQ-7", f.settlementId());
    assertEquals(Order.NO_CIP, f.cip());
    assertEquals(new BigDecimal("95.28"), f.expected());
    assertEquals(null, f.actual());
    assertTrue(f.detail().contains("due by 2024-08-01"), f.detail());
    assertEquals(PayoutStatus.IN_TRANSIT, run(LocalDate.of(2024, 7, 31)).settlements().get(0).status());
    assertEquals(new BigDecimal("95.28"), run(LocalDate.of(2024, 7, 31)).totals().get(Currency.PEN).inTransit());
  }

  @Test
  void settlementMissing_shouldWaitForSettleDaysAfterTheLimaPaymentDate_skippingHolyWeekAcrossTheMonthEnd() throws Exception {
    // paid 22:00 Lima on Wednesday 27 March 2024 (03:00Z on the 28th); 28-29 March are Holy Thursday and Good Friday,
    // 30-31 the weekend: +2 business days = Tuesday 2 April
    statement.add(StatementRow.of("3001", "ORD-3001", Money.of("80.00", Currency.PEN), PaymentState.PAID, Instant.parse("2024-03-27T20:00:00Z"), null,
        Instant.parse("2024-03-28T03:00:00Z"), null));
    assertEquals(List.of(), categories(run(LocalDate.of(2024, 4, 1))));
    SettlementResult r = run(LocalDate.of(2024, 4, 2));
    SettlementFinding f = only(r, SettlementCategory.SETTLEMENT_MISSING);
    assertEquals(3001L, f.cip());
    assertEquals("", f.settlementId());
    assertEquals("ORD-3001", f.transactionCode());
    assertEquals(new BigDecimal("80.00"), f.expected());
    assertTrue(f.detail().startsWith("paid on 2024-03-27"), f.detail());
    assertTrue(f.detail().contains("2024-04-02"), f.detail());
  }

  @Test
  void holidaysFile_shouldReplaceTheBuiltInList() throws Exception {
    config = new SettlementConfig(BusinessDays.of(List.of(LocalDate.of(2024, 1, 17))), 2, 3, new BigDecimal("0.5"));
    statement.add(StatementRow.of("3002", "ORD-3002", Money.of("80.00", Currency.PEN), PaymentState.PAID, Instant.parse("2024-01-15T15:00:00Z"), null,
        Instant.parse("2024-01-15T16:00:00Z"), null));
    // Monday 15 + 2 business days skipping the 17th = Thursday 18
    assertEquals(List.of(), categories(run(LocalDate.of(2024, 1, 17))));
    assertEquals(List.of("SETTLEMENT_MISSING"), categories(run(LocalDate.of(2024, 1, 18))));
    // 28 July is no holiday under that file: Friday 26 July 2024 + 2 = Tuesday 30
    assertEquals(LocalDate.of(2024, 7, 30), config.businessDays().plus(LocalDate.of(2024, 7, 26), 2));
  }

  @Test
  void grossMismatch_shouldBeReported_forAmountAndForCurrency() throws Exception {
    consistentSettlement("LQ-1", "1001");
    paid("1002", "60.00", Currency.PEN, MON);
    settled("LQ-1", MON.plusDays(1), "1002", "6000.00");
    paid("1003", "30.00", Currency.USD, MON);
    settled("LQ-1", MON.plusDays(1), "1003", "30.00");
    credits.clear();
    SettlementResult r = run(MON.plusDays(2));
    List<SettlementFinding> f = r.findings().stream().filter(x -> x.category() == SettlementCategory.GROSS_MISMATCH).collect(Collectors.toList());
    assertEquals(2, f.size(), r.findings()::toString);
    assertEquals(new BigDecimal("60.00"), f.get(0).expected());
    assertEquals(new BigDecimal("6000.00"), f.get(0).actual());
    assertEquals("settled gross 30.00 PEN, statement 30.00 USD", f.get(1).detail());
  }

  @Test
  void netMismatch_shouldToleranceOneCent_andRoundTheExpectedNetHalfUp() throws Exception {
    paid("4001", "10.00", Currency.PEN, MON);
    paid("4002", "10.00", Currency.PEN, MON);
    fees.set(0, new FeeContract(Currency.PEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 2));
    // 10.00 x 0.2625 = 2.625 -> 2.63 half-up (half-even would give 2.62)
    row("LQ-1", MON.plusDays(1), "4001", "10.00", Currency.PEN, "0", "0", "2.62", Currency.USD, "0.2625");
    row("LQ-1", MON.plusDays(1), "4002", "10.00", Currency.PEN, "0", "0", "2.65", Currency.USD, "0.2625");
    SettlementResult r = run(MON.plusDays(1));
    SettlementFinding f = only(r, SettlementCategory.NET_MISMATCH);
    assertEquals(4002L, f.cip());
    assertEquals(new BigDecimal("2.63"), f.expected());
    assertEquals(new BigDecimal("2.65"), f.actual());
    assertEquals(Currency.USD, f.currency());
  }

  @Test
  void feeContract_shouldRoundHalfUpAtFiveThousandths_andApplyTheMinimum() {
    FeeContract c = new FeeContract(Currency.PEN, new BigDecimal("1"), new BigDecimal("1.00"), new BigDecimal("18"), new BigDecimal("0.50"), 2);
    // 10.50 x 1% + 1.00 = 1.105 -> 1.11; tax 1.11 x 18% = 0.1998 -> 0.20
    assertEquals(new BigDecimal("1.11"), c.fee(new BigDecimal("10.50")));
    assertEquals(new BigDecimal("0.20"), c.tax(new BigDecimal("1.11")));
    // tax 0.25 x 18% = 0.045 -> 0.05 half-up
    assertEquals(new BigDecimal("0.05"), c.tax(new BigDecimal("0.25")));
    FeeContract min = new FeeContract(Currency.PEN, new BigDecimal("1"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("2.50"), 2);
    assertEquals(new BigDecimal("2.50"), min.fee(new BigDecimal("10.00")));
  }

  @Test
  void feeMismatch_shouldBeReported_whenFeeOrTaxIsOffByMoreThanOneCent() throws Exception {
    paid("5001", "100.00", Currency.PEN, MON);
    paid("5002", "100.00", Currency.PEN, MON);
    paid("5003", "100.00", Currency.PEN, MON);
    row("LQ-1", MON.plusDays(1), "5001", "100.00", Currency.PEN, "4.50", "0.81", "94.69", Currency.PEN, null);
    row("LQ-1", MON.plusDays(1), "5002", "100.00", Currency.PEN, "4.00", "0.80", "95.20", Currency.PEN, null);
    row("LQ-1", MON.plusDays(1), "5003", "100.00", Currency.PEN, "4.01", "0.72", "95.27", Currency.PEN, null);
    SettlementResult r = run(MON.plusDays(1));
    List<SettlementFinding> f = r.findings().stream().filter(x -> x.category() == SettlementCategory.FEE_MISMATCH).collect(Collectors.toList());
    assertEquals(2, f.size(), r.findings()::toString);
    assertEquals(new BigDecimal("4.00"), f.get(0).expected());
    assertEquals(new BigDecimal("4.50"), f.get(0).actual());
    assertEquals(new BigDecimal("0.72"), f.get(1).expected());
    assertEquals(new BigDecimal("0.80"), f.get(1).actual());
    assertEquals(List.of("FEE_MISMATCH", "FEE_MISMATCH"), categories(r));
  }

  @Test
  void credits_shouldMatchByReference_thenByExactAmountInTheWindow_earliestSettlementFirst_eachOnce() throws Exception {
    paid("6001", "100.00", Currency.PEN, MON);
    paid("6002", "100.00", Currency.PEN, MON);
    paid("6003", "100.00", Currency.PEN, MON);
    settled("LQ-10", MON.plusDays(1), "6001", "100.00");
    settled("LQ-11", MON.plusDays(1), "6002", "100.00");
    settled("LQ-12", MON.plusDays(2), "6003", "100.00");
    // the first credit names LQ-12 (and contains "LQ-1", a shorter id of no settlement): the longest id wins
    credit(MON.plusDays(3), "95.28", Currency.PEN, "TRANSF PAGOEFECTIVO LQ-12");
    // two credits of the same amount without reference: LQ-10 takes the earliest, LQ-11 the other
    credit(MON.plusDays(2), "95.28", Currency.PEN, "TRANSF EXTERIOR");
    credit(MON.plusDays(3), "95.28", Currency.PEN, "TRANSF EXTERIOR");
    // the same amount once more: no settlement left for it
    credit(MON.plusDays(4), "95.28", Currency.PEN, "TRANSF EXTERIOR");
    SettlementResult r = run(MON.plusDays(30));
    SettlementFinding f = only(r, SettlementCategory.UNEXPECTED_CREDIT);
    assertEquals(new BigDecimal("95.28"), f.actual());
    assertEquals("", f.settlementId());
    assertEquals(Order.NO_CIP, f.cip());
    assertTrue(f.detail().contains("2024-01-19"), f.detail());
    for (SettlementSummary s : r.settlements()) {
      assertEquals(PayoutStatus.RECEIVED, s.status(), s.settlementId());
    }
    assertEquals(LocalDate.of(2024, 1, 17), r.settlements().get(0).receivedOn().get());
    assertEquals(LocalDate.of(2024, 1, 18), r.settlements().get(1).receivedOn().get());
    assertEquals(LocalDate.of(2024, 1, 18), r.settlements().get(2).receivedOn().get());
  }

  @Test
  void exactAmountCredit_shouldNotMatch_outsideThePayoutWindow() throws Exception {
    paid("6001", "100.00", Currency.PEN, MON);
    settled("LQ-10", MON.plusDays(1), "6001", "100.00");
    // Tuesday 16 + 3 business days = Friday 19; Monday 22 is outside, Monday 15 before settled_on
    credit(MON.plusDays(7), "95.28", Currency.PEN, "");
    credit(MON, "95.28", Currency.PEN, "");
    credit(MON.plusDays(4), "95.28", Currency.USD, "");
    SettlementResult r = run(MON.plusDays(30));
    assertEquals(List.of("PAYOUT_NOT_RECEIVED", "UNEXPECTED_CREDIT", "UNEXPECTED_CREDIT", "UNEXPECTED_CREDIT"), categories(r));
  }

  @Test
  void payoutShort_shouldGiveTheDifference() throws Exception {
    paid("7001", "100.00", Currency.PEN, MON);
    settled("LQ-1", MON.plusDays(1), "7001", "100.00");
    credit(MON.plusDays(2), "90.28", Currency.PEN, "LIQ LQ-1");
    SettlementResult r = run(MON.plusDays(30));
    SettlementFinding f = only(r, SettlementCategory.PAYOUT_SHORT);
    assertEquals("LQ-1", f.settlementId());
    assertEquals(new BigDecimal("95.28"), f.expected());
    assertEquals(new BigDecimal("90.28"), f.actual());
    assertTrue(f.detail().contains("short by 5.00 PEN"), f.detail());
    assertEquals(List.of("PAYOUT_SHORT"), categories(r));
    assertEquals(new BigDecimal("5.00"), r.totals().get(Currency.PEN).shortfall());
  }

  /** Two PEN CIPs of 100.00 paid out in USD: base (100 - 4.00 - 0.72) x 2 = 190.56 PEN. */
  private void penToUsd(String rate, String netEach) {
    for (String cip : List.of("8001", "8002")) {
      paid(cip, "100.00", Currency.PEN, MON);
      row("LQ-FX", MON.plusDays(1), cip, "100.00", Currency.PEN, "4.00", "0.72", netEach, Currency.USD, rate);
    }
    credit(MON.plusDays(2), new BigDecimal(netEach).multiply(BigDecimal.valueOf(2)).toPlainString(), Currency.USD, "LQ-FX");
  }

  @Test
  void fxRateDeviation_shouldBeReported_whenTheRateIsWorseThanTheReferenceByMoreThanTheTolerance() throws Exception {
    rates.add(new ReferenceRate(MON.minusDays(3), Currency.PEN, Currency.USD, new BigDecimal("0.2700"), "SBS", 2));
    rates.add(new ReferenceRate(MON.plusDays(5), Currency.PEN, Currency.USD, new BigDecimal("0.2000"), "SBS", 3));
    // 95.28 x 0.2650 = 25.2492 -> 25.25; reference of 12 Jan (latest before 16 Jan): 0.27, 1.85% worse
    penToUsd("0.2650", "25.25");
    SettlementResult r = run(MON.plusDays(30));
    SettlementFinding f = only(r, SettlementCategory.FX_RATE_DEVIATION);
    assertEquals("LQ-FX", f.settlementId());
    assertEquals(Order.NO_CIP, f.cip());
    // 190.56 x 0.27 = 51.4512 -> 51.45 at the reference; paid 50.50; cost 0.95 USD
    assertEquals(new BigDecimal("51.45"), f.expected());
    assertEquals(new BigDecimal("50.50"), f.actual());
    assertEquals(Currency.USD, f.currency());
    assertTrue(f.detail().contains("SBS"), f.detail());
    assertTrue(f.detail().contains("cost 0.95 USD"), f.detail());
    assertTrue(f.detail().contains("2024-01-12"), f.detail());
    assertEquals(new BigDecimal("0.95"), r.totals().get(Currency.USD).fxCost());
    assertEquals(List.of("FX_RATE_DEVIATION"), categories(r));
  }

  @Test
  void fxRate_shouldNotBeReported_whenBetterThanTheReference_andTheCostIsNegative() throws Exception {
    rates.add(new ReferenceRate(MON.plusDays(1), Currency.PEN, Currency.USD, new BigDecimal("0.2650"), "SBS", 2));
    penToUsd("0.2700", "25.73");
    SettlementResult r = run(MON.plusDays(30));
    assertEquals(List.of(), categories(r));
    SettlementSummary.Fx fx = r.settlements().get(0).fx().get();
    // 190.56 x 0.265 = 50.4984 -> 50.50 at the reference; paid 51.46
    assertEquals(new BigDecimal("-0.96"), fx.cost().get());
    assertEquals("SBS", fx.source().get());
  }

  @Test
  void fxRate_shouldUseTheToleranceInPercentOfTheReference_andAnInverseReferenceWhenOnlyThatIsPublished() throws Exception {
    // USD->PEN 3.75 published; PEN->USD reference 1/3.75 = 0.26667; 0.2654 is 0.4750% worse: within 0.5%
    rates.add(new ReferenceRate(MON, Currency.USD, Currency.PEN, new BigDecimal("3.75"), "SBS venta", 2));
    penToUsd("0.2654", "25.29");
    SettlementResult r = run(MON.plusDays(30));
    assertEquals(List.of(), categories(r));
    assertEquals("1/3.75", r.settlements().get(0).fx().get().referenceText().get());
    config = new SettlementConfig(BusinessDays.peru(), 2, 3, new BigDecimal("0.4"));
    assertEquals(List.of("FX_RATE_DEVIATION"), categories(run(MON.plusDays(30))));
  }

  @Test
  void conflicts_shouldNameTheInputLineAndField() {
    paid("9001", "10.00", Currency.PEN, MON);
    paid("9001", "10.00", Currency.PEN, MON);
    SettlementConflictException e = assertThrows(SettlementConflictException.class, () -> run(MON));
    assertEquals(SettlementConflictException.Source.STATEMENT, e.source());
    assertEquals("cip", e.field());
    statement.remove(1);
    settled("LQ-1", MON, "9001", "10.00");
    settled("LQ-1", MON.plusDays(1), "9002", "10.00");
    e = assertThrows(SettlementConflictException.class, () -> run(MON));
    assertEquals(SettlementConflictException.Source.SETTLEMENTS, e.source());
    assertEquals("settled_on", e.field());
    assertEquals(3, e.line());
  }

  @Test
  void easter_shouldBeComputed_andHolyThursdayAndGoodFridayBeHolidays() {
    assertEquals(LocalDate.of(2024, 3, 31), BusinessDays.easterSunday(2024));
    assertEquals(LocalDate.of(2025, 4, 20), BusinessDays.easterSunday(2025));
    assertEquals(LocalDate.of(2026, 4, 5), BusinessDays.easterSunday(2026));
    BusinessDays peru = BusinessDays.peru();
    assertTrue(peru.isHoliday(LocalDate.of(2025, 4, 17)));
    assertTrue(peru.isHoliday(LocalDate.of(2025, 4, 18)));
    assertTrue(peru.isHoliday(LocalDate.of(2025, 12, 9)));
    assertTrue(!peru.isBusinessDay(LocalDate.of(2025, 12, 8)));
    assertTrue(peru.isBusinessDay(LocalDate.of(2025, 12, 10)));
    // Wednesday 31 December 2025 + 1 business day skips New Year: Friday 2 January 2026
    assertEquals(LocalDate.of(2026, 1, 2), peru.plus(LocalDate.of(2025, 12, 31), 1));
  }
}
