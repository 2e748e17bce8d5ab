package io.pagorecon.bench.statement;

import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.statement.SettlementMapping;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.statement.StatementResult;
import io.pagorecon.core.sync.CipRegistry;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryStatementStore;
import io.pagorecon.pagoefectivo.PagoEfectivoClient;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench statement}: StatementBuilder over the real PagoEfectivo client against the simulator
 * answering every {@code cips/search} after an injected delay. The ceiling is what the configured
 * concurrency and rate limit allow, {@code min(rate, concurrency / latency)} calls a second; the
 * figure is the share of it reached (goal: at least 90%).
 */
@Command(name = "statement", mixinStandardHelpOptions = true,
    description = "Statement of --cips CIPs against the simulator with --latency-ms per search: throughput vs the configured ceiling.")
public final class StatementBench implements Callable<Integer> {

  @Option(names = "--cips", defaultValue = "10000", description = "CIPs in the statement (default: ${DEFAULT-VALUE}).")
  int cips;

  @Option(names = "--latency-ms", defaultValue = "50", description = "Injected delay per search call (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--concurrency", defaultValue = "8", description = "Searches in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--rate", defaultValue = "100", description = "Search calls a second, 0 = unlimited (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    SimulatorConfig simConfig = SimulatorConfig.builder().slowResponseDelay(Duration.ofMillis(latencyMs)).build();
    try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(simConfig)) {
      List<String> all = new ArrayList<>(cips);
      OffsetDateTime expiry = OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5));
      for (int i = 0; i < cips + 100; i++) {
        all.add(Long.toString(sim.createCip("ORD-B" + i, "PEN", new BigDecimal("10.00"), expiry).cip()));
      }
      PagoEfectivoConfig config = PagoEfectivoConfig.of(URI.create(sim.baseUrl()), new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035"))
          .withConcurrency(concurrency, rate);
      try (PagoEfectivoClient client = new PagoEfectivoClient(config, Clock.systemUTC())) {
        // warm-up: token, connections, JIT; not counted
        build(client, all.subList(cips, cips + 100), 100);
        sim.injectFault(ApiFault.SLOW, Integer.MAX_VALUE, "/v1/cips/search");
        sim.resetApiLog();
        long start = System.nanoTime();
        build(client, all.subList(0, cips), cips);
        double seconds = (System.nanoTime() - start) / 1e9;
        long calls = sim.callCount("/v1/cips/search");
        double perSecond = calls / seconds;
        double ceiling = Math.min(rate > 0 ? rate : Double.MAX_VALUE, concurrency * 1000.0 / latencyMs);
        System.out.printf(Locale.ROOT, "statement cips=%d calls=%d ms=%d calls_per_s=%.1f ceiling_per_s=%.1f efficiency=%.2f max_in_flight=%d%n",
            cips, calls, Math.round(seconds * 1000), perSecond, ceiling, perSecond / ceiling, sim.maxConcurrentRequests());
      }
    }
    return 0;
  }

  private static void build(PagoEfectivoClient client, List<String> cipList, int expectedRows) {
    StatementBuilder builder = new StatementBuilder(registry(cipList), client, new InMemoryStatementStore(),
        (date, reason, failed) -> {
          throw new IllegalStateException("statement failed: " + reason + " " + failed.size());
        },
        List::of, SettlementMapping.standard(), BusinessCalendar.lima(), "sandbox");
    StatementResult r = builder.build(LocalDate.of(2024, 1, 15), Instant.parse("2024-01-16T06:00:00Z"));
    if (!(r instanceof StatementResult.Published p) || p.manifest().rowCount() != expectedRows) {
      throw new IllegalStateException("unexpected statement result " + r);
    }
  }

  private static CipRegistry registry(List<String> cips) {
    Set<String> set = new LinkedHashSet<>(cips);
    return new CipRegistry() {
      @Override
      public List<CipPayment> dueForCheck(Instant now, int limit) {
        return List.of();
      }

      @Override
      public List<String> openCips() {
        return List.of();
      }

      @Override
      public Set<String> activeOn(LocalDate businessDate) {
        return set;
      }

      @Override
      public boolean reschedule(CipPayment seen, Optional<Instant> nextCheckAt, int checkStep) {
        return false;
      }

      @Override
      public List<String> evidenceKeys(String cip) {
        return List.of();
      }
    };
  }
}
