package io.pagorecon.core.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.PaymentDecision.CipStanding;
import io.pagorecon.core.order.PaymentDecision.Proof;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentDecisionTest {

  private static final Money ORDER = Money.of("160.35", Currency.PEN);

  private static CipStanding paid(String cip, String amount, Currency currency, Proof proof) {
    return new CipStanding(cip, PaymentState.PAID, Optional.of(Money.of(amount, currency)), proof);
  }

  private static CipStanding open(String cip) {
    return new CipStanding(cip, PaymentState.PENDING, Optional.empty(), Proof.NONE);
  }

  @Test
  void onePaymentOfTheOrderAmountSignedWithTheStageKeyIsShippable() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false, List.of(paid("101", "160.35", Currency.PEN, Proof.STAGE_SIGNED), open("102")));
    assertTrue(d.shippable());
    assertEquals(List.of(), d.reasons());
    assertEquals(List.of("101"), d.paidCips());
  }

  @Test
  void aPaymentRecoveredFromTheApiIsTrustedAndScaleDoesNotMatter() {
    assertTrue(PaymentDecision.decide(ORDER, false, List.of(paid("101", "160.350", Currency.PEN, Proof.GATEWAY_API))).shippable());
  }

  @Test
  void anUnderpaidOrderIsHeldForAmountMismatch() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false, List.of(paid("101", "150.00", Currency.PEN, Proof.STAGE_SIGNED)));
    assertFalse(d.shippable());
    assertTrue(d.held());
    assertEquals(List.of(Category.AMOUNT_MISMATCH), d.reasons());
  }

  @Test
  void anotherCurrencyIsHeldForCurrencyMismatch_andForAmountWhenTheNumberDiffersToo() {
    assertEquals(List.of(Category.CURRENCY_MISMATCH),
        PaymentDecision.decide(ORDER, false, List.of(paid("101", "160.35", Currency.USD, Proof.STAGE_SIGNED))).reasons());
    assertEquals(List.of(Category.AMOUNT_MISMATCH, Category.CURRENCY_MISMATCH),
        PaymentDecision.decide(ORDER, false, List.of(paid("101", "43.00", Currency.USD, Proof.STAGE_SIGNED))).reasons());
  }

  @Test
  void twoPaymentsAreADuplicate() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false,
        List.of(paid("101", "160.35", Currency.PEN, Proof.STAGE_SIGNED), paid("102", "160.35", Currency.PEN, Proof.GATEWAY_API)));
    assertFalse(d.shippable());
    assertEquals(List.of(Category.DUPLICATE_PAYMENT), d.reasons());
  }

  @Test
  void aSandboxSignedOrUnprovenPaymentIsNoPaymentAtAll() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false, List.of(paid("101", "160.35", Currency.PEN, Proof.SANDBOX_SIGNED),
        paid("102", "160.35", Currency.PEN, Proof.NONE)));
    assertFalse(d.shippable());
    assertFalse(d.held());
    assertEquals(List.of(), d.reasons());
  }

  @Test
  void aRefundHoldsTheOrder() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false, List.of(paid("101", "160.35", Currency.PEN, Proof.STAGE_SIGNED),
        new CipStanding("102", PaymentState.REFUNDED, Optional.of(ORDER), Proof.STAGE_SIGNED)));
    assertFalse(d.shippable());
    assertEquals(List.of(Category.REFUND_NOT_SYNCED), d.reasons());
  }

  @Test
  void aPaymentOfACancelledOrderStandsButHoldsIt() {
    PaymentDecision d = PaymentDecision.decide(ORDER, true, List.of(paid("101", "160.35", Currency.PEN, Proof.STAGE_SIGNED)));
    assertFalse(d.shippable());
    assertEquals(List.of(Category.PAID_NOT_RECORDED), d.reasons());
    assertEquals(List.of(), PaymentDecision.decide(ORDER, true, List.of(open("101"))).reasons());
  }

  @Test
  void anUnpaidOrderIsNeitherShippableNorHeld() {
    PaymentDecision d = PaymentDecision.decide(ORDER, false, List.of(open("101")));
    assertFalse(d.shippable());
    assertFalse(d.held());
    assertEquals(List.of(), d.reasons());
  }

  @Test
  void tableIsUpToDate() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "payment-decision.md"));
    assertTrue(doc.contains(PaymentDecision.markdown()), "docs/payment-decision.md is stale: paste PaymentDecision.markdown() into it");
  }
}
