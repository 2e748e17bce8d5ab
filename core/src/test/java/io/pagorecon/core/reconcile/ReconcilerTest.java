package io.pagorecon.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  /** 10:00 in Lima. */
  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");

  private final List<Order> orders = new ArrayList<>();
  private final List<StatementRow> rows = new ArrayList<>();
  private final List<WebhookReceipt> hooks = new ArrayList<>();
  private final Reconciler reconciler = new Reconciler(ReconcileConfig.defaults());

  private Order order(String id, String cip, String amount, OrderStatus status) {
    Order o = Order.of(id, cip, Money.of(amount, Currency.PEN), status, T0, null);
    orders.add(o);
    return o;
  }

  private void row(String cip, String code, String amount, PaymentState status, Instant paidAt) {
    rows.add(StatementRow.of(cip, code, Money.of(amount, Currency.PEN), status, T0, T0.plus(Duration.ofDays(2)), paidAt, null));
  }

  private void hook(String cip, String code, String amount, Instant paymentDate, Instant receivedAt) {
    hooks.add(new WebhookReceipt(Long.parseLong(cip), EventType.CIP_PAID, code, Money.of(amount, Currency.PEN).minorUnits(), Currency.PEN, Times.millis(paymentDate), Times.millis(receivedAt), 0));
  }

  /** A paid order with its paid CIP and an on-time webhook: MATCHED. */
  private void paidOrder(String id, String cip, String amount) {
    order(id, cip, amount, OrderStatus.PAID);
    row(cip, id, amount, PaymentState.PAID, T0.plusSeconds(60));
    hook(cip, id, amount, T0.plusSeconds(60), T0.plusSeconds(120));
  }

  private ReconcileResult run(Instant asOf) throws InputConflictException {
    return reconciler.reconcile(new ReconcileInput(orders, rows, hooks), Scope.everything(asOf));
  }

  private ReconcileResult run() throws InputConflictException {
    return run(T0.plus(Duration.ofHours(2)));
  }

  private ReconcileResult runDate(String date) throws InputConflictException {
    return reconciler.reconcile(new ReconcileInput(orders, rows, hooks), Scope.businessDate(LocalDate.parse(date), reconciler.config().calendar()));
  }

  private static List<String> keys(ReconcileResult r) {
    return r.discrepancies().stream().map(d -> d.category() + " " + d.orderId() + " " + d.cip()).sorted().collect(Collectors.toList());
  }

  private static Discrepancy only(ReconcileResult r, Category c) {
    List<Discrepancy> found = r.discrepancies().stream().filter(d -> d.category() == c).collect(Collectors.toList());
    assertEquals(1, found.size(), () -> "expected one " + c + " in " + keys(r));
    return found.get(0);
  }

  @Test
  void consistentPaidOrder_shouldBeMatchedAndNotListed() throws Exception {
    paidOrder("ORD-1", "111", "160.35");
    ReconcileResult r = run();
    assertEquals(List.of(), keys(r));
    assertEquals(1, r.matched());
    assertEquals(Money.of("160.35", Currency.PEN), r.totals().get(Currency.PEN).matchedAmount());
    assertEquals(1, r.totals().get(Currency.PEN).paidCips());
  }

  @Test
  void pendingOrCancelledOrder_shouldBePaidNotRecorded_whenGatewaySaysPaid() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    hook("111", "ORD-1", "10.00", T0, T0);
    order("ORD-2", "222", "10.00", OrderStatus.CANCELLED);
    row("222", "ORD-2", "10.00", PaymentState.PAID, T0);
    hook("222", "ORD-2", "10.00", T0, T0);
    ReconcileResult r = run();
    assertEquals(List.of("PAID_NOT_RECORDED ORD-1 111", "PAID_NOT_RECORDED ORD-2 222"), keys(r));
    assertEquals(Severity.CRITICAL, r.discrepancies().get(0).severity());
    assertEquals(0, r.matched());
  }

  @Test
  void pendingOrder_shouldNotBePaidNotRecorded_whenCipIsPending() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.PENDING, null);
    assertEquals(List.of(), keys(run()));
  }

  @Test
  void paidOrShippedOrder_shouldBeRecordedNotPaid_whenNoCipIsPaid() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.SHIPPED);
    row("111", "ORD-1", "10.00", PaymentState.EXPIRED, null);
    order("ORD-2", "", "10.00", OrderStatus.PAID);
    ReconcileResult r = run();
    assertEquals(List.of("RECORDED_NOT_PAID ORD-1 111", "RECORDED_NOT_PAID ORD-2 "), keys(r));
  }

  @Test
  void paidOrder_shouldNotBeRecordedNotPaid_whenItsCipIsRefunded() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.REFUNDED, T0);
    hook("111", "ORD-1", "10.00", T0, T0);
    assertEquals(List.of("REFUND_NOT_SYNCED ORD-1 111"), keys(run()));
  }

  @Test
  void webhook_shouldNotBeConfirmed_whenGatewaySaysNotPaidOrDoesNotKnowTheCip() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.EXPIRED, null);
    hook("111", "ORD-1", "10.00", T0, T0);
    hook("999", "ORD-X", "5.00", T0, T0);
    ReconcileResult r = run();
    assertEquals(List.of("WEBHOOK_NOT_CONFIRMED ORD-1 111", "WEBHOOK_NOT_CONFIRMED ORD-X 999"), keys(r));
    Discrepancy unknown = r.discrepancies().stream().filter(d -> d.cip().equals("999")).findFirst().orElseThrow();
    assertTrue(unknown.detail().contains("does not know"), unknown.detail());
    assertEquals(Severity.CRITICAL, unknown.severity());
  }

  @Test
  void webhookOfOtherEventType_shouldBeIgnored() throws Exception {
    paidOrder("ORD-1", "111", "10.00");
    hooks.add(new WebhookReceipt(222, EventType.CIP_EXPIRED, "ORD-2", 0, null, Times.NONE, Times.millis(T0), 0));
    hooks.add(new WebhookReceipt(333, EventType.OTHER, null, 0, null, Times.NONE, Times.millis(T0), 0));
    ReconcileResult r = run();
    assertEquals(List.of(), keys(r));
    assertEquals(1, r.matched());
  }

  @Test
  void amountMismatch_shouldSayX100_whenGatewayHasCentsAsUnits() throws Exception {
    order("ORD-1", "111", "160.35", OrderStatus.PAID);
    row("111", "ORD-1", "16035.00", PaymentState.PAID, T0);
    hook("111", "ORD-1", "16035.00", T0, T0);
    order("ORD-2", "222", "160.35", OrderStatus.PAID);
    row("222", "ORD-2", "150.00", PaymentState.PAID, T0);
    hook("222", "ORD-2", "150.00", T0, T0);
    ReconcileResult r = run();
    assertEquals(List.of("AMOUNT_MISMATCH ORD-1 111", "AMOUNT_MISMATCH ORD-2 222"), keys(r));
    assertTrue(r.discrepancies().get(0).detail().startsWith("x100"), r.discrepancies().get(0).detail());
    assertFalse(r.discrepancies().get(1).detail().contains("x100"));
    assertEquals(Severity.HIGH, r.discrepancies().get(0).severity());
    assertEquals("16035.00", r.discrepancies().get(0).gatewayAmount().orElseThrow().toPlainString());
  }

  @Test
  void amounts_shouldMatchAtScale2_whenWrittenDifferently() throws Exception {
    order("ORD-1", "111", "22.5", OrderStatus.PAID);
    row("111", "ORD-1", "22.50", PaymentState.PAID, T0);
    hook("111", "ORD-1", "22.5", T0, T0);
    assertEquals(List.of(), keys(run()));
  }

  @Test
  void currencyMismatch_shouldBeReported() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    rows.add(StatementRow.of("111", "ORD-1", Money.of("10.00", Currency.USD), PaymentState.PAID, T0, null, T0, null));
    hook("111", "ORD-1", "10.00", T0, T0);
    Discrepancy d = only(run(), Category.CURRENCY_MISMATCH);
    assertEquals("ORD-1", d.orderId());
    assertEquals(1, run().discrepancies().size());
  }

  @Test
  void duplicatePayment_shouldNameTheDuplicateCip_andListAllInTheDetail() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    row("222", "ORD-1", "10.00", PaymentState.PAID, T0.plusSeconds(3600));
    hook("111", "ORD-1", "10.00", T0, T0);
    hook("222", "ORD-1", "10.00", T0.plusSeconds(3600), T0.plusSeconds(3600));
    Discrepancy d = only(run(), Category.DUPLICATE_PAYMENT);
    assertEquals("222", d.cip(), "the order's own CIP stands; the other one is the duplicate");
    assertEquals("2 CIPs paid: 111;222; kept 111", d.detail());
    assertEquals(1, run().discrepancies().size());
  }

  @Test
  void duplicatePayment_withoutTheOrdersCip_keepsTheFirstPaid() throws Exception {
    order("ORD-1", "", "10.00", OrderStatus.PAID);
    row("333", "ORD-1", "10.00", PaymentState.PAID, T0.plusSeconds(60));
    row("222", "ORD-1", "10.00", PaymentState.PAID, T0);
    hook("333", "ORD-1", "10.00", T0.plusSeconds(60), T0.plusSeconds(60));
    hook("222", "ORD-1", "10.00", T0, T0);
    assertEquals("333", only(run(), Category.DUPLICATE_PAYMENT).cip());
  }

  @Test
  void refundNotSynced_shouldBeReported_onlyWhileOrderStillPaidOrShipped() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.SHIPPED);
    row("111", "ORD-1", "10.00", PaymentState.REFUNDED, T0);
    hook("111", "ORD-1", "10.00", T0, T0);
    order("ORD-2", "222", "10.00", OrderStatus.REFUNDED);
    row("222", "ORD-2", "10.00", PaymentState.REFUNDED, T0);
    hook("222", "ORD-2", "10.00", T0, T0);
    ReconcileResult r = run();
    assertEquals(List.of("REFUND_NOT_SYNCED ORD-1 111"), keys(r));
    assertEquals(1, r.matched()); // ORD-2: refunded on both sides
  }

  @Test
  void unknownOrder_shouldBeReported_whenPaidCipMatchesNoOrder() throws Exception {
    row("111", "ORD-GHOST", "10.00", PaymentState.PAID, T0);
    hook("111", "ORD-GHOST", "10.00", T0, T0);
    row("222", "ORD-PENDING", "10.00", PaymentState.PENDING, null);
    ReconcileResult r = run();
    assertEquals(List.of("UNKNOWN_ORDER ORD-GHOST 111"), keys(r));
  }

  @Test
  void statementRow_shouldBelongToOrder_whenMatchedByTheOrdersCip() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "OTHER-CODE", "10.00", PaymentState.PAID, T0);
    hook("111", null, "10.00", T0, T0);
    ReconcileResult r = run();
    assertEquals(List.of(), keys(r));
    assertEquals(1, r.matched());
  }

  @Test
  void missingWebhook_shouldBeReported_whenGatewayPaidWithoutWebhook() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    Discrepancy d = only(run(), Category.MISSING_WEBHOOK);
    assertEquals(Severity.MEDIUM, d.severity());
    assertEquals(1, run().discrepancies().size());
  }

  @Test
  void missingWebhook_shouldNotBeJudged_whenNoWebhookSourceWasGiven() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    ReconcileResult r = reconciler.reconcile(new ReconcileInput(orders, rows, List.of(), false), Scope.everything(T0.plusSeconds(60)));
    assertEquals(List.of(), keys(r));
    assertEquals(1, r.matched());
  }

  @Test
  void lateWebhook_shouldBeReported_onlyAfterMoreThanThirtyMinutes() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    hook("111", "ORD-1", "10.00", T0, T0.plus(Duration.ofMinutes(31)));
    order("ORD-2", "222", "10.00", OrderStatus.PAID);
    row("222", "ORD-2", "10.00", PaymentState.PAID, T0);
    hook("222", "ORD-2", "10.00", T0, T0.plus(Duration.ofMinutes(30)));
    ReconcileResult r = run();
    assertEquals(List.of("LATE_WEBHOOK ORD-1 111"), keys(r));
    assertEquals(Severity.LOW, r.discrepancies().get(0).severity());
    assertEquals(1, r.matched());
  }

  @Test
  void lateWebhook_shouldJudgeFromGatewayPaidAt_andCountTheFirstDelivery() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PAID);
    row("111", "ORD-1", "10.00", PaymentState.PAID, T0);
    // the webhook claims a later payment time, but the gateway's paid_at wins
    hook("111", "ORD-1", "10.00", T0.plus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(55)));
    // a redelivery that came even later changes nothing
    hook("111", "ORD-1", "10.00", T0.plus(Duration.ofMinutes(50)), T0.plus(Duration.ofHours(3)));
    Discrepancy d = only(run(), Category.LATE_WEBHOOK);
    assertTrue(d.detail().contains("55 min"), d.detail());
  }

  @Test
  void expiredOrderOpen_shouldBeReported_afterTheOpenPeriodWithNothingPayable() throws Exception {
    order("ORD-1", "", "10.00", OrderStatus.PENDING);
    order("ORD-2", "222", "10.00", OrderStatus.PENDING);
    row("222", "ORD-2", "10.00", PaymentState.EXPIRED, null);
    order("ORD-3", "333", "10.00", OrderStatus.PENDING);
    rows.add(StatementRow.of("333", "ORD-3", Money.of("10.00", Currency.PEN), PaymentState.PENDING, T0, T0.plus(Duration.ofHours(48)), null, null));
    assertEquals(List.of(), keys(run(T0.plus(Duration.ofHours(23)))));
    ReconcileResult r = run(T0.plus(Duration.ofHours(25)));
    assertEquals(List.of("EXPIRED_ORDER_OPEN ORD-1 ", "EXPIRED_ORDER_OPEN ORD-2 222"), keys(r));
    assertEquals(Severity.LOW, r.discrepancies().get(0).severity());
    // ORD-3 ran out when its CIP expired
    assertEquals(3, run(T0.plus(Duration.ofHours(49))).discrepancies().size());
  }

  @Test
  void order_shouldCarrySeveralCategories_eachOnItsOwnRow() throws Exception {
    order("ORD-1", "111", "160.35", OrderStatus.PENDING);
    rows.add(StatementRow.of("111", "ORD-1", Money.of("16035.00", Currency.USD), PaymentState.PAID, T0, null, T0, null));
    ReconcileResult r = run();
    assertEquals(List.of("AMOUNT_MISMATCH ORD-1 111", "CURRENCY_MISMATCH ORD-1 111", "MISSING_WEBHOOK ORD-1 111", "PAID_NOT_RECORDED ORD-1 111"), keys(r));
    assertEquals(1L, r.countsByCategory().get(Category.AMOUNT_MISMATCH));
    assertEquals(0L, r.countsByCategory().get(Category.UNKNOWN_ORDER));
  }

  @Test
  void businessDate_shouldBeLimaDate_ofPaymentTimeNearMidnight() throws Exception {
    Instant lastSecondOf15th = Instant.parse("2024-01-16T04:59:59Z");
    assertEquals(lastSecondOf15th, OffsetDateTime.parse("2024-01-16T12:59:59+08:00").toInstant());
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.PAID, lastSecondOf15th);
    hook("111", "ORD-1", "10.00", lastSecondOf15th, lastSecondOf15th);
    ReconcileResult on15 = runDate("2024-01-15");
    assertEquals(List.of("PAID_NOT_RECORDED ORD-1 111"), keys(on15));
    assertEquals(LocalDate.parse("2024-01-15"), on15.discrepancies().get(0).businessDate().orElseThrow());
    assertEquals(List.of(), keys(runDate("2024-01-16")));
  }

  @Test
  void businessDate_shouldMoveToNextDay_atLimaMidnight() throws Exception {
    Instant midnight = Instant.parse("2024-01-16T05:00:00Z");
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.PAID, midnight);
    hook("111", "ORD-1", "10.00", midnight, midnight);
    assertEquals(List.of(), keys(runDate("2024-01-15")));
    assertEquals(List.of("PAID_NOT_RECORDED ORD-1 111"), keys(runDate("2024-01-16")));
  }

  @Test
  void paymentTime_shouldFallBackToWebhookPaymentDate_whenGatewayHasNoPaidAt() throws Exception {
    order("ORD-1", "111", "10.00", OrderStatus.PENDING);
    row("111", "ORD-1", "10.00", PaymentState.PAID, null);
    Instant paid = Instant.parse("2024-01-17T02:00:00Z"); // 21:00 on the 16th in Lima
    hook("111", "ORD-1", "10.00", paid, paid);
    assertEquals(List.of("PAID_NOT_RECORDED ORD-1 111"), keys(runDate("2024-01-16")));
    assertEquals(List.of(), keys(runDate("2024-01-15")));
  }

  @Test
  void expiredOrderOpen_shouldBelongToTheDateTheOpenPeriodRanOut() throws Exception {
    order("ORD-1", "", "10.00", OrderStatus.PENDING); // created 2024-01-15 10:00 Lima
    assertEquals(List.of(), keys(runDate("2024-01-15")));
    assertEquals(List.of("EXPIRED_ORDER_OPEN ORD-1 "), keys(runDate("2024-01-16")));
    assertEquals(List.of(), keys(runDate("2024-01-17")));
  }

  @Test
  void matchedCount_shouldOnlyCountOrdersOfTheDate() throws Exception {
    paidOrder("ORD-1", "111", "10.00");
    ReconcileResult on15 = runDate("2024-01-15");
    assertEquals(1, on15.matched());
    assertEquals(0, runDate("2024-01-14").matched());
  }

  @Test
  void duplicateOrderId_shouldBeBadInputNamingBothLines() {
    orders.add(new Order("ORD-1", -1, 100, Currency.PEN, OrderStatus.PAID, 0, Times.NONE, 3));
    orders.add(new Order("ORD-1", -1, 100, Currency.PEN, OrderStatus.PAID, 0, Times.NONE, 17));
    InputConflictException e = assertThrows(InputConflictException.class, this::run);
    assertEquals(17, e.line());
    assertEquals("order_id", e.field());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void duplicateStatementCip_shouldBeBadInput() {
    row("111", "A", "1.00", PaymentState.PAID, T0);
    row("111", "B", "1.00", PaymentState.PAID, T0);
    InputConflictException e = assertThrows(InputConflictException.class, this::run);
    assertEquals(InputConflictException.Source.STATEMENT, e.source());
    assertEquals("cip", e.field());
  }

  @Test
  void seen_shouldCountEveryInputOnTheDate_andBeZeroOnADateWithNothing() throws Exception {
    paidOrder("ORD-1", "1001", "10.00");
    row("1002", "ORD-2", "5.00", PaymentState.PENDING, null); // a pending CIP: neither matched nor a finding, still seen
    String day = "2024-01-15"; // T0 in Lima

    ReconcileResult onTheDay = runDate(day);
    ReconcileResult dayBefore = runDate(LocalDate.parse(day).minusDays(1).toString());

    assertEquals(4, onTheDay.seen());
    assertFalse(onTheDay.empty());
    assertEquals(0, dayBefore.seen());
    assertTrue(dayBefore.empty());
    assertTrue(dayBefore.clean());
  }
}
