package io.pagorecon.cli;

import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pagorecon generate}: a seeded business day as Contract 2 files plus its ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a realistic business day (every failure the reconciliation catches) as orders.csv, statement.csv,",
      "webhooks.jsonl and ground-truth.csv (category,order_id,cip: what reconcile must report).",
      "The same seed, size and date always give the same files."
    },
    footer = {"", "Exit status: 0 written, 2 bad input or usage, 3 the files could not be written."})
public final class GenerateCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "1000", description = "Orders in the day (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Business date (default: yesterday in America/Lima).")
  LocalDate date;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "scenario", description = "Where the files go (default: ${DEFAULT-VALUE}).")
  Path out;

  public GenerateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (orders < 0) {
      context.err().println("pagorecon generate: --orders: must not be negative");
      return ExitCodes.BAD_INPUT;
    }
    LocalDate day = date != null ? date : BusinessCalendar.lima().businessDate(context.clock().instant()).minusDays(1);
    ScenarioFiles.Summary s;
    try {
      s = ScenarioFiles.write(ScenarioConfig.of(seed, orders, day), out);
    } catch (UncheckedIOException e) {
      context.err().println("pagorecon generate: " + e.getMessage() + ": " + e.getCause());
      return ExitCodes.INFRASTRUCTURE;
    }
    var o = context.out();
    o.println("business date " + day + " (America/Lima), seed " + seed);
    o.println("orders " + s.orderRows() + ", statement rows " + s.statementRows() + ", webhooks " + s.webhookLines());
    o.println("ground truth: " + s.findings().values().stream().mapToInt(Integer::intValue).sum() + " findings " + s.findings());
    o.println("files: " + out.resolve(ScenarioFiles.ORDERS) + ", " + out.resolve(ScenarioFiles.STATEMENT) + ", "
        + out.resolve(ScenarioFiles.WEBHOOKS) + ", " + out.resolve(ScenarioFiles.GROUND_TRUTH));
    o.println("next: ./pagorecon reconcile --orders " + out.resolve(ScenarioFiles.ORDERS) + " --statement "
        + out.resolve(ScenarioFiles.STATEMENT) + " --webhooks " + out.resolve(ScenarioFiles.WEBHOOKS) + " --date " + day
        + " --out " + out.resolve("reports"));
    o.flush();
    return ExitCodes.CLEAN;
  }
}
