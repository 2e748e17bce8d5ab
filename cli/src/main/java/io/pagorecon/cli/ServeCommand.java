package io.pagorecon.cli;

import io.pagorecon.cli.demo.Demo;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.cli.internal.Shutdown;
import io.pagorecon.cli.internal.TemplateRoutes;
import io.pagorecon.devstack.DevStack;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorMain;
import java.time.Duration;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon serve}: the template's HTTP functions behind a local endpoint. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the functions of template.yaml's HTTP API on 127.0.0.1, each real request turned into the",
      "API Gateway (HTTP API v2) event the function gets in AWS. By default against a local stack: moto",
      "(started, or PAGORECON_MOTO_ENDPOINT reused) with the template's resources, and the PagoEfectivo",
      "simulator (the documentation's example credentials) standing in for PagoEfectivo, its webhooks sent",
      "back here. With --aws, against whatever the environment names (AWS_REGION,",
      "AWS_ENDPOINT_URL, PAYMENTS_TABLE, DATA_BUCKET, PAGOEFECTIVO_SECRET_ARN, STAGE, ...). Stop with Ctrl-C."
    },
    footer = {"", "Exit status: 0 stopped, 2 bad input or usage, 3 infrastructure failure (moto, port, AWS)."})
public final class ServeCommand implements Callable<Integer> {

  private final CliContext context;
  private final Consumer<LocalHttpApi> awaitStop;
  private PagoEfectivoSimulator simulator; // local mode only

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "sandbox", description = "Local stack's Stage: sandbox or production (default: ${DEFAULT-VALUE}).")
  String stage;

  @Option(names = "--aws", description = "Use the environment's AWS endpoint and resources instead of a local stack.")
  boolean aws;

  @Option(names = "--logs", paramLabel = "DIR", defaultValue = "pagorecon-serve", description = "moto's log directory for a local stack (default: ${DEFAULT-VALUE}).")
  Path logs;

  public ServeCommand(CliContext context) {
    this(context, ignored -> Shutdown.await());
  }

  /** Tests pass what to do while serving instead of waiting for Ctrl-C. */
  ServeCommand(CliContext context, Consumer<LocalHttpApi> awaitStop) {
    this.context = context;
    this.awaitStop = awaitStop;
  }

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      return usage("--port: must be 0..65535");
    }
    if (!List.of("sandbox", "production").contains(stage)) {
      return usage("--stage: sandbox or production");
    }
    StackTemplate template;
    try {
      template = StackTemplate.locate();
    } catch (RuntimeException e) {
      context.err().println("pagorecon serve: template.yaml not found: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
    Map<String, String> routes = TemplateRoutes.of(template);
    if (aws) {
      return serve(routes, logicalId -> context.env(), "the environment's AWS endpoint");
    }
    System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
    try (DevStack stack = DevStack.start(template, stage, Demo.exampleSecrets(), Files.createDirectories(logs))) {
      if (port == 0) {
        port = Demo.freePort();
      }
      // PagoEfectivo is the in-process simulator (example credentials), its webhooks come back here.
      try (PagoEfectivoSimulator sim = SimulatorMain.run(new SimulatorMain.Options(0,
          Optional.of("http://127.0.0.1:" + port + "/webhooks/pagoefectivo"), Duration.ofSeconds(10), Demo.ACCESS_KEY, Demo.SECRET_KEY,
          Demo.ID_SERVICE))) {
        simulator = sim;
        return serve(routes, id -> Demo.functionEnvironment(stack, id, sim), "moto " + stack.moto().endpoint() + " (stage " + stage
            + ") and the PagoEfectivo simulator " + sim.baseUrl());
      }
    } catch (Exception e) {
      context.err().println("pagorecon serve: cannot start the local stack: " + e);
      return ExitCodes.INFRASTRUCTURE;
    }
  }

  private int serve(Map<String, String> routes, java.util.function.Function<String, Map<String, String>> env, String backend) {
    LocalHttpApi.Builder b = LocalHttpApi.builder().port(port);
    StringBuilder served = new StringBuilder();
    try {
      for (Map.Entry<String, String> r : routes.entrySet()) {
        var route = LocalFunctions.route(r.getValue(), env.apply(r.getValue()), Clock.systemUTC());
        if (route.isPresent()) {
          b.route(r.getKey(), route.get());
          served.append("  ").append(r.getKey()).append(" → ").append(r.getValue()).append('\n');
        } else {
          served.append("  ").append(r.getKey()).append(" → ").append(r.getValue()).append(" (not hosted locally yet)\n");
        }
      }
    } catch (RuntimeException e) {
      // A function's configuration is invalid (e.g. a variable missing with --aws): its message names it.
      context.err().println("pagorecon serve: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    try (LocalHttpApi api = b.start()) {
      var o = context.out();
      o.println("pagorecon serve: " + api.baseUri() + " against " + backend);
      o.print(served);
      o.println("try (signed with the example secretKey):");
      o.println("  body='{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\","
          + "\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}'");
      o.println("  sig=$(printf '%s' \"$body\" | openssl dgst -sha256 -hmac SECRETKEYEXAMPLE | sed 's/^.* //')");
      o.println("  curl -i -X POST " + api.baseUri() + "/webhooks/pagoefectivo -H 'content-type: application/json' "
          + "-H \"pe-signature: $sig\" --data-binary \"$body\"");
      if (simulator != null) {
        o.println("  curl -s -X POST " + api.baseUri() + "/payments -H 'content-type: application/json' "
            + "-d '{\"orderId\":\"ORD-1001\",\"amount\":\"160.35\",\"currency\":\"PEN\",\"userEmail\":\"shopper@example.com\"}'");
        o.println("  curl -s -X POST " + simulator.controlUrl() + "pay -H 'content-type: application/json' -d '{\"cip\":<cip from above>}'"
            + "   # PagoEfectivo pays it and posts the signed webhook here");
        o.println("  curl -s " + api.baseUri() + "/payments/ORD-1001   # shippable, reasons, every CIP of the order");
        o.println("  curl -s -X DELETE " + api.baseUri() + "/payments/ORD-1001   # cancels its unpaid CIPs at PagoEfectivo");
      }
      o.flush();
      awaitStop.accept(api);
    } catch (java.io.IOException e) {
      context.err().println("pagorecon serve: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
    return ExitCodes.CLEAN;
  }

  private int usage(String message) {
    context.err().println("pagorecon serve: " + message);
    return ExitCodes.BAD_INPUT;
  }
}
