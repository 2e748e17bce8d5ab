package io.pagorecon.pagoefectivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.statement.SettlementMapping;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.statement.StatementResult;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.fixtures.InMemoryStatementStore;
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
 * PagoEfectivo misbehaves during a statement run (simulator fault switches on {@code cips/search},
 * the real client with its retry policy): a transient fault is retried with backoff and the
 * statement is complete; a persistent one leaves no statement at all and one alert: never a
 * partial statement.
 */
class StatementFaultsIT {

  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Instant NOW = Instant.parse("2024-01-15T20:00:00Z");
  static final int CIPS = 12;

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<String> alerts = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryPaymentStore payments = new InMemoryPaymentStore();
  private final InMemoryStatementStore statements = new InMemoryStatementStore();
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

  private StatementBuilder start() {
    SimClock clock = SimClock.frozenAt(NOW);
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).timeoutHold(Duration.ofSeconds(3))
        .slowResponseDelay(Duration.ofMillis(2500)).build());
    PagoEfectivoCredentials creds = new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035");
    client = new PagoEfectivoClient(PagoEfectivoConfig.of(URI.create(sim.baseUrl()), creds)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500)), clock, sleeps::add, () -> 0.5);
    PaymentRecorder recorder = new PaymentRecorder(payments, Duration.ofMinutes(10));
    OffsetDateTime expiry = OffsetDateTime.parse("2024-01-16T10:00:00-05:00");
    for (int i = 0; i < CIPS; i++) {
      CipView cip = sim.createCip("ORD-" + i, "PEN", new BigDecimal("10.50").add(BigDecimal.valueOf(i)), expiry);
      if (i % 3 == 0) {
        sim.pay(cip.cip());
      }
      recorder.record(new PaymentFact(String.valueOf(cip.cip()), PaymentEvent.CREATED, "api:CREATED", Source.API, NOW, DAY,
          Optional.of(Money.of(cip.amount().toPlainString(), Currency.PEN)), Optional.of("ORD-" + i), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty()));
    }
    return new StatementBuilder(payments, client, statements, (date, reason, cips) -> alerts.add(date + ": " + reason),
        List::of, SettlementMapping.standard(), BusinessCalendar.lima(), "sandbox");
  }

  @ParameterizedTest(name = "{0} x{1}")
  @CsvSource({
      "SERVER_ERROR, 2", "SERVICE_UNAVAILABLE, 2", "TOO_MANY_REQUESTS, 2", "TIMEOUT, 1", "SLOW, 1", "TRUNCATED_JSON, 2",
      "WRONG_CONTENT_TYPE, 1"})
  void statement_shouldBeComplete_whenFaultsAreTransient(ApiFault fault, int times) {
    StatementBuilder builder = start();
    sim.injectFault(fault, times, "/v1/cips/search");

    StatementResult result = builder.build(DAY, NOW.plusSeconds(3600));

    assertInstanceOf(StatementResult.Published.class, result, () -> String.valueOf(result));
    String csv = statements.day(DAY).orElseThrow().csv();
    assertEquals(CIPS + 1, csv.strip().split("\n").length, csv);
    assertEquals(CIPS / 3, csv.lines().filter(l -> l.contains(",PAID,")).count(), csv);
    assertFalse(sleeps.isEmpty(), "retried with backoff");
    assertTrue(sleeps.stream().allMatch(d -> d.toMillis() > 0), sleeps::toString);
    assertTrue(alerts.isEmpty(), alerts::toString);
  }

  @ParameterizedTest(name = "{0} persistent")
  @CsvSource({"SERVER_ERROR", "SERVICE_UNAVAILABLE", "TOO_MANY_REQUESTS", "TRUNCATED_JSON", "WRONG_CONTENT_TYPE", "UNAUTHORIZED"})
  void statement_shouldBeAbsentWithOneAlert_whenFaultsPersist(ApiFault fault) {
    StatementBuilder builder = start();
    sim.injectFault(fault, 1_000, "/v1/cips/search");

    StatementResult result = builder.build(DAY, NOW.plusSeconds(3600));

    assertInstanceOf(StatementResult.Failed.class, result, () -> String.valueOf(result));
    assertTrue(statements.day(DAY).isEmpty(), "no partial statement");
    assertEquals(0, statements.publishes());
    assertEquals(1, alerts.size(), alerts::toString);
    if (fault != ApiFault.UNAUTHORIZED) {
      assertFalse(sleeps.isEmpty(), "retried with backoff before giving up");
    }
  }
}
