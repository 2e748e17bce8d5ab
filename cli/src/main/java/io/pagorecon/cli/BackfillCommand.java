package io.pagorecon.cli;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.statement.StatementResult;
import io.pagorecon.functions.statement.internal.StatementWiring;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.ResolvedStack;
import io.pagorecon.cli.internal.StackTarget;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pagorecon backfill --from D1 --to D2}: the StatementFunction's code for a range of business
 * days, one progress line per day, with the environment StatementFunction has in the stack named
 * by {@code --local} or {@code --aws} (else the same variables read from this process's
 * environment: {@code PAYMENTS_TABLE}, {@code DATA_BUCKET}, {@code ALERTS_TOPIC_ARN}, {@code
 * PAGOEFECTIVO_SECRET_ARN}, {@code STAGE}, optional {@code PAGOEFECTIVO_BASE_URL}); secrets are never flags.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    header = "Build the gateway statement of past business days.",
    description = {
      "Builds (or rebuilds) the gateway statement of every business day from --from to --to, inclusive, exactly as the scheduled StatementFunction "
          + "does, with the environment that function has in the stack. A day that cannot be completed gets no statement (and an alert)."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon backfill --local --from 2024-01-14 --to 2024-01-15",
      "  ./pagorecon backfill --aws --stack-name pagorecon-sandbox --from 2024-01-01 --to 2024-01-31",
      "",
      "Environment: " + StackTarget.ENVIRONMENT_HELP + "; without --local or --aws: StatementFunction's variables "
          + "(STAGE, PAYMENTS_TABLE, DATA_BUCKET, ALERTS_TOPIC_ARN, PAGOEFECTIVO_SECRET_ARN, PAGOEFECTIVO_BASE_URL, AWS_REGION, AWS_ENDPOINT_URL).",
      "",
      "Exit status:",
      "  0  every day published",
      "  2  bad input or usage, no stack named",
      "  3  a day failed, or the stack is unreachable"
    })
public final class BackfillCommand implements Callable<Integer> {

  /** Builds the statement use case for an environment; the default reaches AWS. */
  public interface Wiring {
    StatementBuilder statementBuilder(Map<String, String> env, Clock clock);
  }

  static final int MAX_DAYS = 366;

  private final CliContext context;
  private final Wiring wiring;

  @Mixin StackTarget stack = new StackTarget();

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First business day.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last business day (at most yesterday in the business zone).")
  LocalDate to;

  public BackfillCommand(CliContext context) {
    this(context, BackfillCommand::fromEnvironment);
  }

  public BackfillCommand(CliContext context, Wiring wiring) {
    this.context = Objects.requireNonNull(context, "context");
    this.wiring = Objects.requireNonNull(wiring, "wiring");
  }

  @Override
  public Integer call() {
    if (to.isBefore(from)) {
      throw CliError.badInput("--to " + to, "is before --from " + from, "swap them");
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw CliError.badInput("--from " + from + " --to " + to, days + " days, at most " + MAX_DAYS + " per run", "split the range");
    }
    Optional<ResolvedStack> named = stack.resolve(context);
    Map<String, String> env = named.map(s -> s.functionEnvironment("StatementFunction")).orElse(context.env());
    StatementBuilder builder;
    try {
      builder = wiring.statementBuilder(env, context.clock());
    } catch (IllegalArgumentException e) {
      throw CliError.badInput("StatementFunction's configuration", e.getMessage(), named.isPresent() ? "deploy the current template.yaml to the stack"
          : "name the stack with --local (a running ./pagorecon serve) or --aws --stack-name NAME instead of setting variables", e);
    }
    LocalDate latest = builder.defaultDate(context.clock().instant());
    if (to.isAfter(latest)) {
      throw CliError.badInput("--to " + to, "is not over yet in the business zone (latest: " + latest + ")", "use --to " + latest + " or earlier");
    }
    int failed = 0;
    int n = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      n++;
      String progress = "[" + n + "/" + days + "] " + day + " ";
      try {
        StatementResult result = builder.build(day, context.clock().instant());
        if (result instanceof StatementResult.Published p) {
          context.out().println(progress + "PUBLISHED rows=" + p.manifest().rowCount() + " notFound=" + p.manifest().notFound().size()
              + " conflicts=" + p.manifest().conflicts().size() + " sha256=" + p.manifest().sha256());
        } else {
          StatementResult.Failed f = (StatementResult.Failed) result;
          failed++;
          context.out().println(progress + "FAILED " + f.reason() + " (no statement written, alert sent)");
        }
      } catch (StorageException e) {
        failed++;
        context.out().println(progress + "FAILED storage unavailable");
        context.err().println(CliError.line("pagorecon backfill", day.toString(), "storage unavailable: " + e.getMessage(),
            "run the range again once the stack answers (a published day is rebuilt identically)"));
      }
      context.out().flush();
    }
    context.out().println("backfill " + from + ".." + to + ": " + (days - failed) + " published, " + failed + " failed");
    return failed == 0 ? ExitCodes.CLEAN : ExitCodes.INFRASTRUCTURE;
  }

  /** StatementFunction's own wiring, from the same variables: the same statement code for every day. */
  static StatementBuilder fromEnvironment(Map<String, String> env, Clock clock) {
    StatementWiring wiring = StatementWiring.fromEnvironment(env, clock);
    // The run's PagoEfectivo calls go to the journal as one object when the command ends (docs/journal.md).
    String run = "backfill-" + java.util.UUID.randomUUID();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> wiring.journal().flushQuietly(run)
        .ifPresent(e -> System.err.println("pagorecon backfill: journal not written: " + e.getMessage())), "backfill-journal"));
    return wiring.builder();
  }
}
