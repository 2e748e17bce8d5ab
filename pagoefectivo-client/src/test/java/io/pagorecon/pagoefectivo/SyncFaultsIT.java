package io.pagorecon.pagoefectivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.sync.CheckSchedule;
import io.pagorecon.core.sync.RecoveryNotices;
import io.pagorecon.core.sync.SweepReport;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.CipView;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The missed-webhook sweep while PagoEfectivo misbehaves (simulator faults on {@code cips/search},
 * the real client): every webhook was lost, so only the sweep can find the payments. A transient
 * fault is retried with backoff and every payment is recovered; a persistent one recovers nothing,
 * changes nothing, reports each CIP as failed, and the next run recovers them all: never lost.
 */
class SyncFaultsIT {

  static final Instant CREATED = Instant.parse("2024-01-15T15:00:00Z");
  static final int CIPS = 10;

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<RecoveryNotices.RecoveredPayment> notices = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryPaymentStore store = new InMemoryPaymentStore();
  private final List<String> cips = new ArrayList<>();
  private PagoEfectivoSimulator sim;
  private PagoEfectivoClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private SyncSweep start() {
    SimClock clock = SimClock.frozenAt(CREATED.plus(Duration.ofHours(1)));
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).timeoutHold(Duration.ofSeconds(3))
        .slowResponseDelay(Duration.ofMillis(2500)).build());
    client = new PagoEfectivoClient(PagoEfectivoConfig.of(URI.create(sim.baseUrl()),
            new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035"))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500)), clock, sleeps::add, () -> 0.5);
    PaymentRecorder recorder = new PaymentRecorder(store, Duration.ofMinutes(10));
    OffsetDateTime expiry = OffsetDateTime.parse("2024-01-17T10:00:00-05:00");
    for (int i = 0; i < CIPS; i++) {
      CipView cip = sim.createCip("ORD-" + i, "PEN", new BigDecimal("20.00").add(BigDecimal.valueOf(i)), expiry);
      cips.add(String.valueOf(cip.cip()));
      recorder.record(new PaymentFact(String.valueOf(cip.cip()), PaymentEvent.CREATED, "api:CREATED", Source.API, CREATED,
          LocalDate.of(2024, 1, 15), Optional.of(Money.of(cip.amount().toPlainString(), Currency.PEN)), Optional.of("ORD-" + i),
          Optional.empty(), Optional.of(expiry), Optional.empty(), Optional.empty(), Optional.empty()));
      if (i % 2 == 0) {
        sim.pay(cip.cip()); // its webhook never reaches us: no receiver is configured
      }
    }
    return new SyncSweep(store, store, recorder, client, notices::add, CheckSchedule.standard(), BusinessCalendar.lima(), 100);
  }

  private long paid() {
    return cips.stream().filter(c -> store.find(c).orElseThrow().state() == PaymentState.PAID).count();
  }

  @ParameterizedTest(name = "{0} x{1}")
  @CsvSource({"SERVER_ERROR, 2", "SERVICE_UNAVAILABLE, 2", "TOO_MANY_REQUESTS, 2", "TIMEOUT, 1", "SLOW, 1", "TRUNCATED_JSON, 2"})
  void sweep_shouldRecoverEveryPayment_whenFaultsAreTransient(ApiFault fault, int times) {
    SyncSweep sweep = start();
    sim.injectFault(fault, times, "/v1/cips/search");

    SweepReport report = sweep.run(CREATED.plus(Duration.ofHours(1)));

    assertEquals(CIPS / 2, report.recovered().size(), report::toString);
    assertTrue(report.failures().isEmpty(), report::toString);
    assertEquals(CIPS / 2, paid());
    assertEquals(CIPS / 2, notices.size());
    assertFalse(sleeps.isEmpty(), "retried with backoff");
  }

  @ParameterizedTest(name = "{0} persistent")
  @CsvSource({"SERVER_ERROR", "TOO_MANY_REQUESTS", "TRUNCATED_JSON", "WRONG_CONTENT_TYPE"})
  void sweep_shouldChangeNothingThenRecoverOnTheNextRun_whenFaultsPersist(ApiFault fault) {
    SyncSweep sweep = start();
    sim.injectFault(fault, 1_000, "/v1/cips/search");

    SweepReport failed = sweep.run(CREATED.plus(Duration.ofHours(1)));

    assertTrue(failed.recovered().isEmpty(), failed::toString);
    assertEquals(CIPS, failed.failures().size(), failed::toString);
    assertEquals(0, paid());
    assertTrue(notices.isEmpty());

    sim.clearFaults();
    SweepReport next = sweep.run(CREATED.plus(Duration.ofDays(1)));

    assertEquals(CIPS / 2, next.recovered().size(), next::toString);
    assertEquals(CIPS / 2, paid());
    assertEquals(CIPS / 2, notices.size());
  }
}
