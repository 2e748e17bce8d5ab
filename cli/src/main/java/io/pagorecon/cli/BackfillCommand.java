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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pagorecon backfill --from D1 --to D2}: the StatementFunction's code for a range of business
 * days, one progress line per day. It reaches the stack named by the same variables the function
 * reads ({@code PAYMENTS_TABLE}, {@code DATA_BUCKET}, {@code ALERTS_TOPIC_ARN}, {@code
 * PAGOEFECTIVO_SECRET_ARN}, {@code STAGE}, optional {@code PAGOEFECTIVO_BASE_URL}), deployed (AWS
 * credentials) or local ({@code AWS_ENDPOINT_URL} to moto); secrets are never flags.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Builds (or rebuilds) the gateway statement of every business day from --from to --to, inclusive,",
      "exactly as the scheduled StatementFunction does. A day that cannot be completed gets no statement."
    },
    footer = {"", "Exit status: 0 every day published, 2 bad input or usage, 3 a day failed or the stack is unreachable."})
public final class BackfillCommand implements Callable<Integer> {

  /** Builds the statement use case for an environment; the default reaches AWS. */
  public interface Wiring {
    StatementBuilder statementBuilder(Map<String, String> env, Clock clock);
  }

  static final int MAX_DAYS = 366;

  private final CliContext context;
  private final Wiring wiring;

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
      context.err().println("pagorecon backfill: --to " + to + " is before --from " + from);
      return ExitCodes.BAD_INPUT;
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      context.err().println("pagorecon backfill: " + days + " days requested, at most " + MAX_DAYS + " per run");
      return ExitCodes.BAD_INPUT;
    }
    StatementBuilder builder;
    try {
      builder = wiring.statementBuilder(context.env(), context.clock());
    } catch (IllegalArgumentException e) {
      context.err().println("pagorecon backfill: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    LocalDate latest = builder.defaultDate(context.clock().instant());
    if (to.isAfter(latest)) {
      context.err().println("pagorecon backfill: --to " + to + " is not over yet in the business zone (latest: " + latest + ")");
      return ExitCodes.BAD_INPUT;
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
        context.err().println("pagorecon backfill: " + day + ": " + e.getMessage());
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
