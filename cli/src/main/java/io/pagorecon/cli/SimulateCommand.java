package io.pagorecon.cli;

import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Conventions;
import io.pagorecon.cli.internal.Shutdown;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorMain;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon simulate}: the PagoEfectivo simulator standalone, until stopped. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Run the PagoEfectivo simulator on its own, until stopped.",
    description = {
      "Runs the PagoEfectivo simulator on 127.0.0.1: the /v1 API (authorizations, cips, cips/search) and the control surface /_sim/ "
          + "(pay, expire, refund, faults, clock; see docs/pagoefectivo.md). Credentials are never flags: they come from the environment, "
          + "the documentation's example values by default. Stop with Ctrl-C."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon simulate --port 8089 --webhook-url http://127.0.0.1:8080/webhooks/pagoefectivo",
      "",
      "Environment: PAGOEFECTIVO_ACCESS_KEY, PAGOEFECTIVO_SECRET_KEY, PAGOEFECTIVO_ID_SERVICE.",
      "",
      "Exit status:",
      "  0  stopped",
      "  2  bad input or usage",
      "  3  the port could not be bound"
    })
public final class SimulateCommand implements Callable<Integer> {

  private final CliContext context;
  private final Consumer<PagoEfectivoSimulator> awaitStop;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8089", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--webhook-url", paramLabel = "URL", description = "Where payment notifications are POSTed, e.g. the URL ./pagorecon serve prints.")
  URI webhookUrl;

  public SimulateCommand(CliContext context) {
    this(context, ignored -> Shutdown.await());
  }

  /** Tests pass what to do while the simulator runs instead of waiting for Ctrl-C. */
  SimulateCommand(CliContext context, Consumer<PagoEfectivoSimulator> awaitStop) {
    this.context = context;
    this.awaitStop = awaitStop;
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      throw CliError.badInput("--port " + port, "not a port", "use 0..65535 (0 picks a free one)");
    }
    if (webhookUrl != null && (webhookUrl.getScheme() == null || !webhookUrl.getScheme().startsWith("http"))) {
      throw CliError.badInput("--webhook-url " + webhookUrl, "not an http(s) URL", "e.g. --webhook-url http://127.0.0.1:8080/webhooks/pagoefectivo");
    }
    PagoEfectivoSimulator sim;
    try {
      sim = SimulatorMain.run(SimulatorMain.Options.fromEnvironment(port, Optional.ofNullable(webhookUrl).map(URI::toString), context.env()));
    } catch (IllegalArgumentException e) {
      throw CliError.badInput("simulator configuration", Conventions.plain(e.getMessage()), "fix the variable it names", e);
    } catch (RuntimeException e) {
      throw CliError.infrastructure("--port " + port, "cannot start: " + Conventions.plain(e.getMessage()), "choose another --port (0 picks a free one)", e);
    }
    try (sim) {
      context.out().println("PagoEfectivo simulator");
      context.out().println("  API      " + sim.baseUrl());
      context.out().println("  control  " + sim.controlUrl());
      context.out().println("  webhooks " + (webhookUrl == null ? "(none: pass --webhook-url)" : webhookUrl));
      context.out().println("try: curl -s -X POST " + sim.controlUrl() + "cips -H 'content-type: application/json' "
          + "-d '{\"transactionCode\":\"ORD-1\",\"currency\":\"PEN\",\"amount\":22.05}'");
      context.out().flush();
      awaitStop.accept(sim);
    }
    return ExitCodes.CLEAN;
  }
}
