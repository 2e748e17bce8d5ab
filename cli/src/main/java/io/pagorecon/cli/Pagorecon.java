package io.pagorecon.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Entry point of {@code ./pagorecon}. Only {@link #main} calls {@code System.exit}; every command
 * returns its exit code (see {@link ExitCodes}).
 */
public final class Pagorecon {

  private Pagorecon() {}

  public static void main(String[] args) {
    CliContext context = new CliContext(
        Clock.systemUTC(),
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv());
    System.exit(commandLine(context).execute(args));
  }

  /**
   * The command tree. To add a subcommand, write it in its own file (a {@code @Command} class
   * implementing {@code Callable<Integer>}, taking the {@link CliContext} if it needs the clock,
   * the writers or the environment) and register it here with one line.
   */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new PagoreconCommand());
    cl.addSubcommand(new ReconcileCommand(context));
    cl.addSubcommand(new BackfillCommand(context));
    cl.addSubcommand(io.pagorecon.cli.ledger.LedgerCommand.create(context));
    // cl.addSubcommand(new GenerateCommand(context)); ... one line per subcommand
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("pagorecon: internal error: " + ex);
          return ExitCodes.INFRASTRUCTURE;
        });
    return cl;
  }
}
