package io.pagorecon.cli;

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
    description = {
      "Runs the PagoEfectivo simulator on 127.0.0.1: the /v1 API (authorizations, cips, cips/search)",
      "and the control surface /_sim/ (pay, expire, refund, faults, clock; see docs/pagoefectivo.md).",
      "Credentials come from PAGOEFECTIVO_ACCESS_KEY, PAGOEFECTIVO_SECRET_KEY, PAGOEFECTIVO_ID_SERVICE",
      "(never flags); the documentation's example values by default. Stop with Ctrl-C."
    },
    footer = {"", "Exit status: 0 stopped, 2 bad input or usage, 3 the port could not be bound."})
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
      context.err().println("pagorecon simulate: --port: must be 0..65535");
      return ExitCodes.BAD_INPUT;
    }
    if (webhookUrl != null && (webhookUrl.getScheme() == null || !webhookUrl.getScheme().startsWith("http"))) {
      context.err().println("pagorecon simulate: --webhook-url: must be an http(s) URL");
      return ExitCodes.BAD_INPUT;
    }
    PagoEfectivoSimulator sim;
    try {
      sim = SimulatorMain.run(SimulatorMain.Options.fromEnvironment(port, Optional.ofNullable(webhookUrl).map(URI::toString), context.env()));
    } catch (RuntimeException e) {
      context.err().println("pagorecon simulate: cannot start on port " + port + ": " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
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
