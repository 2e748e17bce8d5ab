package io.pagorecon.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until the process is stopped. The CLI's {@code simulate} command
 * calls {@link #run(Options)}; secrets come from the environment ({@code PAGOEFECTIVO_ACCESS_KEY},
 * {@code PAGOEFECTIVO_SECRET_KEY}, {@code PAGOEFECTIVO_ID_SERVICE}), never from flags, and
 * default to the documentation's example values.
 */
public final class SimulatorMain {

  /** What a command passes in. */
  public record Options(int port, Optional<String> webhookUrl, Duration webhookRetryDelay, String accessKey,
      String secretKey, String idService) {

    public static Options fromEnvironment(int port, Optional<String> webhookUrl, Map<String, String> env) {
      return new Options(port, webhookUrl, Duration.ofSeconds(10),
          env.getOrDefault("PAGOEFECTIVO_ACCESS_KEY", "ACCESSKEYEXAMPLE0001"),
          env.getOrDefault("PAGOEFECTIVO_SECRET_KEY", "SECRETKEYEXAMPLE"),
          env.getOrDefault("PAGOEFECTIVO_ID_SERVICE", "1035"));
    }

    public SimulatorConfig toConfig() {
      return SimulatorConfig.builder().port(port).credentials(accessKey, secretKey, idService)
          .webhookUrl(webhookUrl.orElse(null)).webhookRetryDelay(webhookRetryDelay)
          .sleeper(d -> Thread.sleep(d.toMillis()))
          .clock(Clock.systemUTC()).build();
    }
  }

  private SimulatorMain() {}

  /**
   * Starts the simulator; the returned handle is already serving. With the real clock running,
   * delayed webhooks are sent by a once-a-second check until the simulator is closed.
   */
  public static PagoEfectivoSimulator run(Options options) {
    PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(options.toConfig());
    Thread ticker = new Thread(() -> {
      while (sim.isRunning()) {
        sim.deliverDue();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "pagoefectivo-simulator-delayed-webhooks");
    ticker.setDaemon(true);
    ticker.start();
    return sim;
  }

  /** {@code java ... SimulatorMain [port] [webhookUrl]}. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
    Optional<String> webhook = args.length > 1 ? Optional.of(args[1]) : Optional.empty();
    PagoEfectivoSimulator sim = run(Options.fromEnvironment(port, webhook, System.getenv()));
    System.out.println("PagoEfectivo simulator: API " + sim.baseUrl() + "  control " + sim.controlUrl());
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    forever.await();
  }
}
