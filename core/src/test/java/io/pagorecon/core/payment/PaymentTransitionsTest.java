package io.pagorecon.core.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PaymentTransitionsTest {

  private static final List<PaymentEvent> GATEWAY_FACTS =
      List.of(PaymentEvent.PAID, PaymentEvent.EXPIRED, PaymentEvent.DELETED, PaymentEvent.REFUNDED);

  @Test
  void lateExpiryNeverUnpays() {
    assertEquals(Optional.empty(), PaymentTransitions.next(PaymentState.PAID, PaymentEvent.EXPIRED));
    assertEquals(Optional.empty(), PaymentTransitions.next(PaymentState.REFUNDED, PaymentEvent.PAID));
  }

  @Test
  void patchReopensAnExpiredCipAndExtendsAPendingOne_neverAPaidOne() {
    assertEquals(Optional.of(PaymentState.PENDING), PaymentTransitions.next(PaymentState.EXPIRED, PaymentEvent.REOPENED));
    assertEquals(Optional.of(PaymentState.PENDING), PaymentTransitions.next(PaymentState.PENDING, PaymentEvent.REOPENED));
    assertEquals(Optional.empty(), PaymentTransitions.next(PaymentState.PAID, PaymentEvent.REOPENED));
  }

  @Test
  void diagramIsUpToDate() throws Exception {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "state-machine.md"));
    assertEquals(true, doc.contains(PaymentTransitions.mermaid()),
        "docs/state-machine.md is stale: paste PaymentTransitions.mermaid() into it");
  }

  /** Gateway facts in any order, with any duplicates, end in the same state as in canonical order. */
  @Property(tries = 500)
  void finalStateIsIndependentOfDeliveryOrder(@ForAll("deliveries") List<PaymentEvent> events) {
    List<PaymentEvent> canonical = new ArrayList<>(events.stream().distinct().toList());
    canonical.sort(null);
    assertEquals(replay(canonical), replay(events));
  }

  @Provide
  Arbitrary<List<PaymentEvent>> deliveries() {
    return Arbitraries.of(GATEWAY_FACTS).list().ofMinSize(0).ofMaxSize(10);
  }

  private static PaymentState replay(List<PaymentEvent> events) {
    PaymentState state = PaymentState.PENDING;
    for (PaymentEvent e : events) {
      state = PaymentTransitions.next(state, e).orElse(state);
    }
    return state;
  }
}
