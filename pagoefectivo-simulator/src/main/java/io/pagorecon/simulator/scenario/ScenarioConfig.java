package io.pagorecon.simulator.scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * "A business day of N orders": the seed makes it deterministic; {@code rates} give the share of
 * orders per fate (the rest are MATCHED).
 */
public record ScenarioConfig(long seed, int orders, LocalDate businessDate, Map<Fate, Double> rates, Duration lateAfter) {

  public ScenarioConfig {
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(lateAfter, "lateAfter");
    rates = Map.copyOf(rates);
    if (orders < 0) {
      throw new IllegalArgumentException("orders must not be negative");
    }
    double total = rates.entrySet().stream().filter(e -> e.getKey() != Fate.MATCHED).mapToDouble(Map.Entry::getValue).sum();
    if (total > 1.0 + 1e-9 || rates.values().stream().anyMatch(r -> r < 0)) {
      throw new IllegalArgumentException("rates must be non-negative and sum to at most 1");
    }
  }

  /** 1% of every failure, 8% still open, 3% cancelled, 0.5% paid on the previous day. */
  public static Map<Fate, Double> defaultRates() {
    Map<Fate, Double> m = new EnumMap<>(Fate.class);
    for (Fate f : Fate.values()) {
      if (!f.categories().isEmpty()) {
        m.put(f, 0.01);
      }
    }
    m.put(Fate.DUPLICATE_WEBHOOK, 0.01);
    m.put(Fate.PENDING_OPEN, 0.08);
    m.put(Fate.CANCELLED, 0.03);
    m.put(Fate.PREVIOUS_DAY, 0.005);
    return m;
  }

  public static ScenarioConfig of(long seed, int orders, LocalDate businessDate) {
    return new ScenarioConfig(seed, orders, businessDate, defaultRates(), Duration.ofMinutes(30));
  }
}
