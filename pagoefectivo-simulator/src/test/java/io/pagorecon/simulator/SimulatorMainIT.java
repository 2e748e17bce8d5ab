package io.pagorecon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatorMainIT {

  @Test
  void run_shouldServeTheApiAndControlOnLoopback_withCredentialsFromTheEnvironment() {
    SimulatorMain.Options options = SimulatorMain.Options.fromEnvironment(0, Optional.empty(),
        Map.of("PAGOEFECTIVO_ACCESS_KEY", "AK1", "PAGOEFECTIVO_SECRET_KEY", "SK1", "PAGOEFECTIVO_ID_SERVICE", "20001"));

    try (PagoEfectivoSimulator sim = SimulatorMain.run(options)) {
      assertTrue(sim.baseUrl().startsWith("http://127.0.0.1:"));
      String token = Http.token(sim);
      assertEquals(200, Http.send("POST", sim.baseUrl() + "cips/search", token, "{\"data\":[{\"cip\":1}]}").status());
      assertEquals(200, Http.send("GET", sim.controlUrl() + "clock", null, null).status());
      assertEquals("20001", sim.config().idService());
    }
  }
}
