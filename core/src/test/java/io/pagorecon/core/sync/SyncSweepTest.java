package io.pagorecon.core.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.RecordOutcome;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncSweepTest {

  private static final ZoneOffset LIMA = ZoneOffset.ofHours(-5);
  private static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  private static final Money AMOUNT = Money.of("160.35", Currency.PEN);

  private final InMemoryPaymentStore store = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final PaymentRecorder recorder = new PaymentRecorder(store, Duration.ofMinutes(10));
  private final List<RecoveryNotices.RecoveredPayment> notices = new ArrayList<>();
  private final SyncSweep sweep = new SyncSweep(store, store, recorder, gateway, notices::add, CheckSchedule.standard(), BusinessCalendar.lima(), 100);

  @Test
  void run_shouldRecoverPaymentAsWebhookWould_whenAllWebhooksWereDropped() {
    created("1001", "ORD-1");
    OffsetDateTime paidAt = T0.plus(Duration.ofMinutes(4)).atOffset(LIMA);
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.PAID, Optional.of(paidAt)));

    SweepReport report = sweep.run(T0.plus(Duration.ofMinutes(10)));

    assertEquals(1, report.recovered().size());
    assertEquals(PaymentState.PAID, store.find("1001").orElseThrow().state());
    assertEquals(Optional.empty(), store.find("1001").orElseThrow().nextCheckAt());
    PaymentFact fact = store.facts().stream().filter(f -> f.factKey().equals("sync:PAID")).findFirst().orElseThrow();
    assertEquals(Source.SYNC, fact.source());
    assertEquals(LocalDate.of(2024, 1, 15), fact.businessDate());
    assertEquals(1, notices.size());
    assertEquals(Optional.of("ORD-1"), notices.get(0).orderId());
    assertEquals(PaymentState.PAID, notices.get(0).to());
    assertTrue(store.activeOn(LocalDate.of(2024, 1, 15)).contains("1001"));
  }

  @Test
  void run_shouldLeaveStateUnchanged_whenTheRealWebhookArrivesAfterRecovery() {
    created("1001", "ORD-1");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.PAID, Optional.of(T0.atOffset(LIMA))));
    sweep.run(T0.plus(Duration.ofMinutes(10)));

    RecordOutcome late = recorder.record(new PaymentFact("1001", PaymentEvent.PAID, "cip.paid", Source.WEBHOOK, T0.plus(Duration.ofMinutes(20)),
        LocalDate.of(2024, 1, 15), Optional.of(AMOUNT), Optional.of("ORD-1"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("{}"), Optional.of("raw/key.json")));

    assertEquals(new RecordOutcome.Stale(PaymentState.PAID), late);
  }

  @Test
  void run_shouldRecoverExpiryAndRefund() {
    created("1001", "ORD-1");
    created("1002", "ORD-2");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.EXPIRED, Optional.empty()));
    gateway.put(gatewayCip("1002", "ORD-2", PaymentState.REFUNDED, Optional.of(T0.atOffset(LIMA))));

    SweepReport report = sweep.run(T0.plus(Duration.ofMinutes(10)));

    assertEquals(2, report.recovered().size());
    assertEquals(PaymentState.EXPIRED, store.find("1001").orElseThrow().state());
    assertEquals(PaymentState.REFUNDED, store.find("1002").orElseThrow().state());
    assertTrue(store.find("1001").orElseThrow().nextCheckAt().isPresent(), "an expired CIP is still watched for a late payment");
    assertTrue(store.find("1002").orElseThrow().nextCheckAt().isEmpty());
  }

  @Test
  void run_shouldHonourBackoffSchedule_whenNothingChanges() {
    created("1001", "ORD-1");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.PENDING, Optional.empty()));

    assertEquals(0, sweep.run(T0.plus(Duration.ofMinutes(9))).checked(), "not due before 10 min");
    assertEquals(1, sweep.run(T0.plus(Duration.ofMinutes(10))).checked());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), store.find("1001").orElseThrow().nextCheckAt());
    assertEquals(0, sweep.run(T0.plus(Duration.ofMinutes(59))).checked());
    assertEquals(1, sweep.run(T0.plus(Duration.ofHours(1))).checked());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(6))), store.find("1001").orElseThrow().nextCheckAt());
    assertEquals(1, sweep.run(T0.plus(Duration.ofHours(6))).checked());
    assertEquals(Optional.of(T0.plus(Duration.ofHours(30))), store.find("1001").orElseThrow().nextCheckAt());
    assertEquals(3, gateway.searches().size());
  }

  @Test
  void run_shouldStopChecking_whenOneDayPastExpiry() {
    created("1001", "ORD-1");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.EXPIRED, Optional.empty()));
    Instant end = T0.plus(Duration.ofDays(2)).plus(Duration.ofDays(1));
    Instant now = T0;
    for (int i = 0; i < 20; i++) {
      Optional<Instant> next = store.find("1001").orElseThrow().nextCheckAt();
      if (next.isEmpty()) {
        break;
      }
      now = next.get();
      sweep.run(now);
    }
    assertEquals(Optional.empty(), store.find("1001").orElseThrow().nextCheckAt());
    assertEquals(end, now, "the last check is one day past expiry");
  }

  @Test
  void run_shouldKeepFailedLookupDue_andProcessTheOthers() {
    created("1001", "ORD-1");
    created("1002", "ORD-2");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.PAID, Optional.of(T0.atOffset(LIMA))));
    gateway.put(gatewayCip("1002", "ORD-2", PaymentState.PAID, Optional.of(T0.atOffset(LIMA))));
    gateway.failLookups("1001");
    Instant now = T0.plus(Duration.ofMinutes(10));

    SweepReport report = sweep.run(now);

    assertEquals(1, report.failures().size());
    assertEquals("1001", report.failures().get(0).cip());
    assertEquals(PaymentState.PAID, store.find("1002").orElseThrow().state());
    assertEquals(List.of("1001"), store.dueForCheck(now, 10).stream().map(CipPayment::cip).toList());
    gateway.heal("1001");
    assertEquals(1, sweep.run(now).recovered().size());
  }

  @Test
  void run_shouldCheckImmediately_whenACheckIsRequested() {
    created("1001", "ORD-1");
    gateway.put(gatewayCip("1001", "ORD-1", PaymentState.PAID, Optional.of(T0.atOffset(LIMA))));
    store.requestCheck("1001", T0.plus(Duration.ofMinutes(1)));

    assertEquals(1, sweep.run(T0.plus(Duration.ofMinutes(1))).recovered().size());
  }

  private void created(String cip, String orderId) {
    recorder.record(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED", Source.API, T0, LocalDate.of(2024, 1, 15),
        Optional.of(AMOUNT), Optional.of(orderId), Optional.empty(), Optional.of(T0.plus(Duration.ofDays(2)).atOffset(LIMA)),
        Optional.empty(), Optional.empty(), Optional.empty()));
  }

  static GatewayCip gatewayCip(String cip, String orderId, PaymentState state, Optional<OffsetDateTime> paidAt) {
    int code = switch (state) { case PAID -> 23; case EXPIRED -> 21; case DELETED -> 25; case REFUNDED -> 24; default -> 22; };
    return new GatewayCip(cip, state, code, state.name(), Optional.of(AMOUNT), Optional.of(orderId), Optional.of(T0.atOffset(LIMA)),
        Optional.of(T0.plus(Duration.ofDays(2)).atOffset(LIMA)), paidAt, Optional.empty());
  }
}
