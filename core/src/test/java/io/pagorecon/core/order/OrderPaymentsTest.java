package io.pagorecon.core.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryOrderStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderPaymentsTest {

  private static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  private static final Money AMOUNT = Money.of("160.35", Currency.PEN);

  private final InMemoryOrderStore orders = new InMemoryOrderStore();
  private final InMemoryPaymentStore payments = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final PaymentRecorder recorder = new PaymentRecorder(payments, Duration.ofMinutes(10));
  private final OrderPayments api = new OrderPayments(orders, payments, payments, recorder, gateway, gateway, e -> { }, BusinessCalendar.lima(),
      OrderPayments.Settings.standard());

  @Test
  void create_shouldStoreOrderAndCipAndRecordCreated() {
    CreatePaymentResult.Created created = (CreatePaymentResult.Created) api.create(cmd("ORD-1"), T0);

    Order order = orders.find("ORD-1").orElseThrow();
    assertEquals(List.of(created.cip()), order.cips());
    assertEquals(Optional.empty(), order.createPendingSince());
    assertEquals(PaymentState.PENDING, payments.find(created.cip()).orElseThrow().state());
    assertEquals(OffsetDateTime.parse("2024-01-17T10:00:00-05:00"), created.expiresAt());
    assertEquals(Optional.of(T0.plus(Duration.ofMinutes(10))), payments.find(created.cip()).orElseThrow().nextCheckAt());
  }

  @Test
  void create_shouldReuseThePayableCip_whenCalledAgain() {
    String cip = ((CreatePaymentResult.Created) api.create(cmd("ORD-1"), T0)).cip();

    CreatePaymentResult again = api.create(cmd("ORD-1"), T0.plusSeconds(60));

    assertEquals(new CreatePaymentResult.Reused("ORD-1", cip, Optional.of(OffsetDateTime.parse("2024-01-17T10:00:00-05:00"))), again);
    assertEquals(1, gateway.creates().size());
  }

  @Test
  void create_shouldPatchExpiry_whenTheCipExpired() {
    String cip = ((CreatePaymentResult.Created) api.create(cmd("ORD-1"), T0)).cip();
    Instant later = T0.plus(Duration.ofDays(3));
    recorder.record(new PaymentFact(cip, PaymentEvent.EXPIRED, "cip.expired", Source.WEBHOOK, later, LocalDate.of(2024, 1, 17),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

    CreatePaymentResult result = api.create(cmd("ORD-1"), later);

    assertInstanceOf(CreatePaymentResult.Extended.class, result);
    assertEquals(List.of(cip), gateway.expiryChanges());
    assertEquals(1, gateway.creates().size());
    assertEquals(PaymentState.PENDING, payments.find(cip).orElseThrow().state());
  }

  @Test
  void create_shouldRefuse_whenOrderIsPaid() {
    String cip = ((CreatePaymentResult.Created) api.create(cmd("ORD-1"), T0)).cip();
    recorder.record(new PaymentFact(cip, PaymentEvent.PAID, "cip.paid", Source.WEBHOOK, T0, LocalDate.of(2024, 1, 15),
        Optional.of(AMOUNT), Optional.of("ORD-1"), Optional.of(T0.atOffset(java.time.ZoneOffset.ofHours(-5))), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("raw/x.json")));

    CreatePaymentResult.Refused refused = (CreatePaymentResult.Refused) api.create(cmd("ORD-1"), T0.plusSeconds(60));

    assertEquals(ErrorCode.ORDER_ALREADY_PAID, refused.code());
    OrderPayment status = api.status("ORD-1").orElseThrow();
    assertEquals(OrderPayment.Status.PAID, status.status());
    assertEquals(List.of("raw/x.json"), status.cips().get(0).evidenceKeys());
  }

  @Test
  void create_shouldMarkOrderAndNotCreateAgain_whenOutcomeUnknown() {
    gateway.failNextCreate(new GatewayException(GatewayException.Kind.OUTCOME_UNKNOWN, null, 0, List.of(), "timeout", null));

    CreatePaymentResult.Refused first = (CreatePaymentResult.Refused) api.create(cmd("ORD-1"), T0);
    CreatePaymentResult.Refused retry = (CreatePaymentResult.Refused) api.create(cmd("ORD-1"), T0.plus(Duration.ofMinutes(1)));

    assertEquals(ErrorCode.GATEWAY_OUTCOME_UNKNOWN, first.code());
    assertEquals(504, first.code().httpStatus());
    assertEquals(ErrorCode.PAYMENT_IN_PROGRESS, retry.code());
    assertEquals(1, gateway.creates().size());
    assertEquals(OrderPayment.Status.PENDING, api.status("ORD-1").orElseThrow().status());
    assertInstanceOf(CreatePaymentResult.Created.class, api.create(cmd("ORD-1"), T0.plus(Duration.ofMinutes(20))));
  }

  @Test
  void create_shouldRefuseConflictingAmountAndBadInput() {
    api.create(cmd("ORD-1"), T0);

    assertEquals(ErrorCode.ORDER_CONFLICT, ((CreatePaymentResult.Refused) api.create(
        new CreatePayment("ORD-1", Money.of("1.00", Currency.PEN), "a@b.pe", Optional.empty(), Optional.empty()), T0)).code());
    CreatePaymentResult.Refused bad = (CreatePaymentResult.Refused) api.create(
        new CreatePayment("ORD-2", AMOUNT, "no-at-sign", Optional.empty(), Optional.empty()), T0);
    assertEquals(ErrorCode.INVALID_FIELD, bad.code());
    assertEquals(List.of("userEmail"), bad.fields());
    assertTrue(orders.find("ORD-2").isEmpty(), "bad input stores nothing");
  }

  @Test
  void create_shouldClearMarkAndReport_whenGatewayRejects() {
    gateway.failNextCreate(new GatewayException(GatewayException.Kind.VALIDATION, "111", 400,
        List.of(new GatewayException.FieldError("userEmail", "113", "Valor inválido.")), "invalid", null));

    CreatePaymentResult.Refused r = (CreatePaymentResult.Refused) api.create(cmd("ORD-1"), T0);

    assertEquals(ErrorCode.INVALID_FIELD, r.code());
    assertEquals(List.of("userEmail"), r.fields());
    assertEquals(Optional.empty(), orders.find("ORD-1").orElseThrow().createPendingSince());
  }

  @Test
  void status_shouldBeEmpty_forUnknownOrder() {
    assertEquals(Optional.empty(), api.status("nope"));
  }

  private static CreatePayment cmd(String orderId) {
    return new CreatePayment(orderId, AMOUNT, "shopper@example.pe", Optional.empty(), Optional.empty());
  }

}
