package io.pagorecon.cli;

import io.pagorecon.cli.demo.Demo;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Conventions;
import io.pagorecon.cli.internal.Inputs;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.StackTemplate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon demo}: the whole system on this machine, checked against a known answer. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Run the whole system locally, checked against a known answer.",
    description = {
      "Runs pagorecon end to end on this machine, as stage production (so sandbox-signed webhooks are refused) and without any AWS account: "
          + "starts (or reuses PAGORECON_MOTO_ENDPOINT) a moto server and creates the stack's resources from template.yaml, starts the PagoEfectivo "
          + "simulator and WebhookFunction behind a local HTTP endpoint, plays a generated business day with every failure of the design over real HTTP, "
          + "then lets the template's triggers run the functions (schedules fire, the statement's manifest starts the reconciliation through the "
          + "template's rule, the alert reaches the email inbox and, through DingTalkFunction, a DingTalk robot stand-in), and checks that the "
          + "discrepancies found are exactly the scenario's ground truth."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon demo",
      "  ./pagorecon demo --orders 250 --seed 3 --date 2024-01-15 --out /tmp/pagorecon-demo",
      "",
      "Environment: PAGORECON_MOTO_ENDPOINT (reuse a running moto), PAGORECON_PYTHON (python with moto, default python3).",
      "",
      "Exit status:",
      "  0  the findings equal the ground truth",
      "  1  they differ (printed)",
      "  2  bad input or usage",
      "  3  infrastructure failure (moto, ports, template)"
    })
public final class DemoCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "500", description = "Orders in the business day (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Scenario seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date (default: yesterday in America/Lima).")
  LocalDate date;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "pagorecon-demo", description = "Local copies of inputs, reports and logs (default: ${DEFAULT-VALUE}).")
  Path out;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (orders < 1 || orders > 20_000) {
      throw CliError.badInput("--orders " + orders, "out of range", "use 1..20000 (the demo plays every order over HTTP)");
    }
    Inputs.writableDirectory("--out", out);
    StackTemplate template;
    try {
      template = StackTemplate.locate();
    } catch (RuntimeException e) {
      throw CliError.infrastructure("template.yaml", "not found", "run ./pagorecon from the repository, or pass -D" + StackTemplate.TEMPLATE_PROPERTY + "=PATH", e);
    }
    LocalDate day = date != null ? date : BusinessCalendar.lima().businessDate(context.clock().instant()).minusDays(1);
    context.out().println("pagorecon demo: business date " + day + ", " + orders + " orders, seed " + seed + "; stage " + Demo.STAGE
        + " (sandbox-signed webhooks are refused, as in production); local moto and simulator, no AWS account; output in " + out);
    Demo.Outcome outcome;
    try {
      outcome = new Demo(context.out(), context.terminal()).run(new Demo.Options(orders, seed, day, out, template));
    } catch (CliError e) {
      throw e;
    } catch (java.io.IOException e) {
      context.out().flush();
      throw CliError.infrastructure("--out " + out, Inputs.reason(e), "check the disk and its permissions", e);
    } catch (Exception e) {
      context.out().flush();
      throw CliError.infrastructure("demo", "failed: " + Conventions.plain(e.getMessage()), "see the logs under " + out.resolve("logs") + "; --debug shows the details", e);
    }
    return outcome.comparison().equal() ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }
}
