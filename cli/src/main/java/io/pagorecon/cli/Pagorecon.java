package io.pagorecon.cli;

import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Conventions;
import io.pagorecon.cli.internal.Inputs;
import io.pagorecon.cli.internal.ProfileDefaults;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(),
        System.console() != null);
    System.exit(execute(context, args));
  }

  /** Runs one command line: option values come from flags, then the environment, then the profile. */
  public static int execute(CliContext context, String... args) {
    ProfileDefaults defaults;
    try {
      defaults = ProfileDefaults.load(context.env(), profileArgument(args));
    } catch (UncheckedIOException e) {
      context.err().println(CliError.line("pagorecon", "--profile", Inputs.reason(e.getCause()),
          "name a readable properties file, or unset PAGORECON_PROFILE"));
      return ExitCodes.BAD_INPUT;
    }
    return commandLine(context, defaults).execute(args);
  }

  /** The command tree, with defaults from the environment and the default profile only. */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, ProfileDefaults.load(context.env(), Optional.empty()));
  }

  /**
   * The command tree. To add a subcommand, write it in its own file (a {@code @Command} class
   * implementing {@code Callable<Integer>}, taking the {@link CliContext} if it needs the clock,
   * the writers or the environment) and register it here with one line.
   */
  public static CommandLine commandLine(CliContext context, ProfileDefaults defaults) {
    CommandLine cl = new CommandLine(new PagoreconCommand());
    cl.addSubcommand(new DemoCommand(context));
    cl.addSubcommand(new ServeCommand(context));
    cl.addSubcommand(new SimulateCommand(context));
    cl.addSubcommand(new GenerateCommand(context));
    cl.addSubcommand(new ReconcileCommand(context));
    cl.addSubcommand(new SettleCommand(context));
    cl.addSubcommand(new ReplayCommand(context));
    cl.addSubcommand(new BackfillCommand(context));
    cl.addSubcommand(io.pagorecon.cli.ledger.LedgerCommand.create(context));
    cl.addSubcommand(new BenchCommand(context));
    cl.addSubcommand(new io.pagorecon.cli.doctor.DoctorCommand(context));
    cl.addSubcommand(new io.pagorecon.cli.evidence.EvidenceCommand(context));
    cl.setDefaultValueProvider(defaults);
    cl.setOut(context.out());
    cl.setErr(context.err());
    // errors, help layout, colour and date parsing, the same for every command registered above
    Conventions.apply(cl, context);
    return cl;
  }

  /** {@code --profile F} or {@code --profile=F} anywhere on the line: it is needed before parsing. */
  static Optional<Path> profileArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--profile") && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith("--profile=")) {
        return Optional.of(Path.of(args[i].substring("--profile=".length())));
      }
    }
    return Optional.empty();
  }
}
