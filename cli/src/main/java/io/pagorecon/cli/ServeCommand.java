package io.pagorecon.cli;

import io.pagorecon.cli.demo.Demo;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Inputs;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.cli.internal.LocalStackRecord;
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
import java.time.Instant;
import java.util.LinkedHashMap;
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
    header = "Serve the template's HTTP API locally, against moto or AWS.",
    description = {
      "Serves the functions of template.yaml's HTTP API on 127.0.0.1, each real request turned into the API Gateway (HTTP API v2) event the function gets in AWS. "
          + "By default against a local stack: moto (started, or PAGORECON_MOTO_ENDPOINT reused) with the template's resources, and the PagoEfectivo simulator "
          + "(the documentation's example credentials) standing in for PagoEfectivo, its webhooks sent back here. While it runs, every command given --local "
          + "works on this stack (recorded in $HOME/.pagorecon/local-stack.json, removed when serve stops). "
          + "With --aws, against whatever the environment names (AWS_REGION, AWS_ENDPOINT_URL, PAYMENTS_TABLE, DATA_BUCKET, PAGOEFECTIVO_SECRET_ARN, STAGE, ...). "
          + "Stop with Ctrl-C."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon serve --port 8080",
      "  ./pagorecon serve --port 0 --stage production",
      "",
      "Environment: PAGORECON_MOTO_ENDPOINT, PAGORECON_PYTHON, HOME (the --local record); with --aws the functions' variables and AWS_REGION, AWS_ENDPOINT_URL.",
      "",
      "Exit status:",
      "  0  stopped",
      "  2  bad input or usage (a function's configuration with --aws)",
      "  3  infrastructure failure (moto, the port, AWS)"
    })
public final class ServeCommand implements Callable<Integer> {

  private final CliContext context;
  private final Consumer<LocalHttpApi> awaitStop;
  private PagoEfectivoSimulator simulator; // local mode only
  private DevStack devStack; // local mode only

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
      throw CliError.badInput("--port " + port, "not a port", "use 0..65535 (0 picks a free one)");
    }
    if (!List.of("sandbox", "production").contains(stage)) {
      throw CliError.badInput("--stage " + stage, "no such stage", "use sandbox or production");
    }
    StackTemplate template;
    try {
      template = StackTemplate.locate();
    } catch (RuntimeException e) {
      throw CliError.infrastructure("template.yaml", "not found", "run ./pagorecon from the repository, or pass -D" + StackTemplate.TEMPLATE_PROPERTY + "=PATH", e);
    }
    Map<String, String> routes = TemplateRoutes.of(template);
    if (aws) {
      return serve(routes, logicalId -> context.env(), "the environment's AWS endpoint");
    }
    System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
    try (DevStack stack = DevStack.start(template, stage, Demo.exampleSecrets(), Inputs.writableDirectory("--logs", logs))) {
      if (port == 0) {
        port = Demo.freePort();
      }
      // PagoEfectivo is the in-process simulator (example credentials), its webhooks come back here.
      // moto's log is only of use while it runs: removed on stop, so runs do not pile up moto-<port>.log files
      Path motoLog = stack.moto().logFile();
      Runnable removeLog = () -> {
        try {
          if (motoLog != null) {
            Files.deleteIfExists(motoLog);
          }
        } catch (java.io.IOException e) {
          // best effort
        }
      };
      Thread logHook = new Thread(removeLog, "pagorecon-serve-moto-log");
      Runtime.getRuntime().addShutdownHook(logHook);
      try (PagoEfectivoSimulator sim = SimulatorMain.run(new SimulatorMain.Options(0,
          Optional.of("http://127.0.0.1:" + port + "/webhooks/pagoefectivo"), Duration.ofSeconds(10), Demo.ACCESS_KEY, Demo.SECRET_KEY,
          Demo.ID_SERVICE))) {
        simulator = sim;
        devStack = stack;
        return serve(routes, id -> Demo.functionEnvironment(stack, id, sim), "moto " + stack.moto().endpoint() + " (stage " + stage
            + ") and the PagoEfectivo simulator " + sim.baseUrl());
      } finally {
        removeLog.run();
        try {
          Runtime.getRuntime().removeShutdownHook(logHook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
      }
    } catch (CliError e) {
      throw e;
    } catch (Exception e) {
      throw CliError.infrastructure("local stack", "cannot start: " + e.getMessage(),
          "check that python3 -m moto.server runs (pip install 'moto[server]==5.2.1'), or set PAGORECON_MOTO_ENDPOINT", e);
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
      throw CliError.badInput("function configuration", e.getMessage(), "set the variable it names", e);
    }
    try (LocalHttpApi api = b.start(); AutoCloseable record = recordLocalStack(api)) {
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
      if (devStack != null) {
        o.println("commands on this stack (nothing else to set while serve runs; recorded in " + LocalStackRecord.path(context.env()) + "):");
        o.println("  ./pagorecon ledger list --local");
        o.println("  ./pagorecon replay --local --key <an evidenceKeys entry of GET " + api.baseUri() + "/payments/ORD-1001>");
        o.println("  ./pagorecon backfill --local --from <YYYY-MM-DD> --to <YYYY-MM-DD>");
      }
      o.flush();
      awaitStop.accept(api);
    } catch (java.io.IOException e) {
      throw CliError.infrastructure("127.0.0.1:" + port, "cannot listen: " + e.getMessage(), "choose another --port (0 picks a free one)", e);
    } catch (CliError e) {
      throw e;
    } catch (Exception e) {
      throw CliError.infrastructure("serve", e.getMessage(), "run it again with --debug for the details", e);
    }
    return ExitCodes.CLEAN;
  }

  /** Local mode: where this stack is, for commands given --local; removed when serve stops. */
  private AutoCloseable recordLocalStack(LocalHttpApi api) {
    if (devStack == null) {
      return () -> { };
    }
    Map<String, String> refs = new LinkedHashMap<>();
    devStack.stack().resources().forEach((id, r) -> refs.put(id, r.ref()));
    Map<String, Map<String, String>> functions = new LinkedHashMap<>();
    for (StackTemplate.Resource fn : devStack.stack().template().resourcesOfType("AWS::Serverless::Function")) {
      try {
        functions.put(fn.logicalId(), Demo.functionEnvironment(devStack, fn.logicalId(), simulator));
      } catch (RuntimeException e) {
        // an intrinsic the local stack cannot resolve: commands asking for this function say so
      }
    }
    String base = api.baseUri().toString().replaceAll("/+$", "");
    return LocalStackRecord.publish(LocalStackRecord.path(context.env()), new LocalStackRecord.Contents(ProcessHandle.current().pid(),
        Instant.now().toString(), base, devStack.moto().endpoint().toString(), devStack.stack().region(), stage, simulator.baseUrl(),
        refs, functions));
  }

}
