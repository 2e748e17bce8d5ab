package io.pagorecon.cli;

import io.pagorecon.cli.demo.Demo;
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
    description = {
      "Runs pagorecon end to end on this machine: starts (or reuses PAGORECON_MOTO_ENDPOINT) a moto",
      "server and creates the stack's resources from template.yaml, starts the PagoEfectivo simulator",
      "and WebhookFunction behind a local HTTP endpoint, plays a generated business day with every",
      "failure the design plans for over real HTTP, then lets the template's triggers run the functions",
      "(schedules fire, the statement's manifest starts the reconciliation through the template's rule,",
      "the alert reaches the email inbox and, through DingTalkFunction, a DingTalk robot stand-in), and",
      "checks that the discrepancies found are exactly the scenario's ground truth."
    },
    footer = {"", "Exit status: 0 findings equal the ground truth, 1 they differ, 2 bad input or usage,",
        "3 infrastructure failure (moto, ports, template)."})
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
      context.err().println("pagorecon demo: --orders: must be 1..20000 (the demo plays every order over HTTP)");
      return ExitCodes.BAD_INPUT;
    }
    StackTemplate template;
    try {
      template = StackTemplate.locate();
    } catch (RuntimeException e) {
      context.err().println("pagorecon demo: template.yaml not found (run from the repository, or set -D"
          + StackTemplate.TEMPLATE_PROPERTY + "): " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
    LocalDate day = date != null ? date : BusinessCalendar.lima().businessDate(context.clock().instant()).minusDays(1);
    Demo.Outcome outcome;
    try {
      outcome = new Demo(context.out(), context.terminal()).run(new Demo.Options(orders, seed, day, out, template));
    } catch (Exception e) {
      context.out().flush();
      context.err().println("pagorecon demo: failed: " + e);
      return ExitCodes.INFRASTRUCTURE;
    }
    return outcome.comparison().equal() ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }
}
