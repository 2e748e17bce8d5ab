package io.pagorecon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.simulator.internal.WebhookSender;
import io.pagorecon.simulator.scenario.Fate;
import io.pagorecon.simulator.scenario.PlannedOrder;
import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioGenerator;
import io.pagorecon.simulator.scenario.ScenarioPlayer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioPlayerIT {

  @Test
  void play_shouldDriveTheSimulatorIntoThePlannedStatesAndDeliveries() throws Exception {
    ScenarioConfig config = ScenarioConfig.of(21, 300, LocalDate.of(2024, 1, 15));
    Map<String, Integer> plannedStatus = new HashMap<>();
    Map<PlannedOrder.Delivery, Integer> plannedDeliveries = new EnumMap<>(PlannedOrder.Delivery.class);
    new ScenarioGenerator(config).generate(o -> {
      o.cips().forEach(c -> plannedStatus.merge(c.status(), 1, Integer::sum));
      o.webhooks().forEach(w -> plannedDeliveries.merge(w.delivery(), 1, Integer::sum));
    });

    try (Receiver receiver = new Receiver();
        PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
            .clock(SimClock.frozenAt(Instant.parse("2024-01-01T00:00:00Z")))
            .maxAmount(new BigDecimal("100000000")).webhookUrl(receiver.url()).build())) {

      ScenarioPlayer.Result result = new ScenarioPlayer(sim, "SANDBOXSECRET").play(config);

      assertTrue(result.refused().isEmpty(), result.refused().toString());
      Map<String, Integer> actual = new HashMap<>();
      Map<Integer, String> names = Map.of(21, "EXPIRED", 22, "PENDING", 23, "PAID", 25, "DELETED", 24, "REFUNDED");
      sim.cips().forEach(c -> actual.merge(names.get(c.status()), 1, Integer::sum));
      assertEquals(plannedStatus, actual);
      int verified = 0;
      int rejected = 0;
      for (Receiver.Received r : receiver.received()) {
        if (WebhookSender.sign("SECRETKEYEXAMPLE", r.body()).equals(r.signature())) {
          verified++;
        } else {
          rejected++;
        }
      }
      assertEquals(plannedDeliveries.getOrDefault(PlannedOrder.Delivery.VERIFIED, 0), verified);
      assertEquals(plannedDeliveries.getOrDefault(PlannedOrder.Delivery.FORGED, 0)
          + plannedDeliveries.getOrDefault(PlannedOrder.Delivery.SANDBOX, 0), rejected);
      assertEquals(0, sim.heldDeliveries(), "late webhooks were delivered after the clock moved");
    }
  }

  @Test
  void fates_shouldAllAppearInADefaultDayOfAThousandOrders() {
    java.util.Set<Fate> seen = java.util.EnumSet.noneOf(Fate.class);
    new ScenarioGenerator(ScenarioConfig.of(2, 3_000, LocalDate.of(2024, 1, 15))).generate(o -> seen.add(o.fate()));
    assertEquals(java.util.EnumSet.allOf(Fate.class), seen);
  }
}
