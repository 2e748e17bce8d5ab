package io.pagorecon.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderExpiryTest {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");

  private final PaymentDecisionPropertiesTest.World w = new PaymentDecisionPropertiesTest.World();
  private final OrderExpiry expiry = new OrderExpiry(w.payments, w.payments, w.orders, w.api, Duration.ofHours(24), 100);

  private String create(String orderId, Instant at) {
    return ((CreatePaymentResult.Created) w.api.create(new CreatePayment(orderId, Money.of("160.35", Currency.PEN), "shopper@example.com",
        Optional.of(at.plus(Duration.ofDays(3)).atOffset(java.time.ZoneOffset.ofHours(-5))), Optional.empty()), at)).cip();
  }

  private PaymentState atGateway(String cip) {
    return ((CipLookup.Found) w.gateway.search(List.of(cip)).get(cip)).gatewayCip().state();
  }

  @Test
  void ordersOpenLongerThanTheLimit_areCancelledAtTheGateway_othersAreLeftAlone() {
    String old = create("ORD-OLD", T0);
    String young = create("ORD-YOUNG", T0.plus(Duration.ofHours(12)));
    String paid = create("ORD-PAID", T0);
    GatewayCip g = ((CipLookup.Found) w.gateway.search(List.of(paid)).get(paid)).gatewayCip();
    w.gateway.put(new GatewayCip(paid, PaymentState.PAID, 23, "Cancelado", g.amount(), g.transactionCode(), g.createdAt(), g.expiresAt(),
        Optional.of(OffsetDateTime.parse("2024-01-15T12:00:00-05:00")), Optional.empty()));

    OrderExpiry.Report report = expiry.run(T0.plus(Duration.ofHours(25)));

    assertThat(report.expired()).containsExactly("ORD-OLD");
    assertThat(report.paid()).containsExactly("ORD-PAID");
    assertThat(report.failures()).isEmpty();
    assertThat(atGateway(old)).isEqualTo(PaymentState.DELETED);
    assertThat(atGateway(young)).isEqualTo(PaymentState.PENDING);
    assertThat(w.orders.find("ORD-PAID").orElseThrow().cancelled()).as("marked first, the payment stands and holds it").isTrue();
    assertThat(w.api.status("ORD-PAID").orElseThrow().reasons()).containsExactly(io.pagorecon.core.reconcile.Category.PAID_NOT_RECORDED);
    assertThat(w.events).extracting(e -> e.orderId() + " " + e.type().wireName())
        .contains("ORD-OLD order.expired").doesNotContain("ORD-PAID order.expired", "ORD-YOUNG order.expired");

    assertThat(expiry.run(T0.plus(Duration.ofHours(26))).expired()).as("a cancelled order is not cancelled again").isEmpty();
  }
}
