package io.pagorecon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: only help and version; the work is in the subcommands. */
@Command(
    name = "pagorecon",
    mixinStandardHelpOptions = true,
    versionProvider = PagoreconCommand.Version.class,
    description = "Reconciles PagoEfectivo cash payments: seller orders, gateway statement and webhooks.",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon demo",
      "  ./pagorecon reconcile --help",
      "",
      "Option values come from flags, then the environment (PAGORECON_<COMMAND>_<OPTION>, then PAGORECON_<OPTION>), then the profile file "
          + "(--profile F, PAGORECON_PROFILE, or ~/.pagorecon/profile.properties; keys <command>.<option> or <option>).",
      "Commands that work on a stack take --local (the stack a running ./pagorecon serve holds) or --aws [--stack-name NAME] (a deployed stack).",
      "Errors are one line on stderr: pagorecon <command>: <what>: <why> — <what to do>. --debug adds the details.",
      "",
      "Exit status (every command; each command's help says what 1 means for it):",
      "  0  done: nothing to report",
      "  1  done, and found something to report (discrepancies, a refused delivery, a state that forbids the change)",
      "  2  bad input or usage, including no command",
      "  3  infrastructure failure (AWS, network, disk, a port)"
    })
public final class PagoreconCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  // Read before parsing (Pagorecon.execute); declared here so every command accepts and documents it.
  @Option(names = "--profile", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Properties file with option defaults (flags and environment win).")
  Path profile;

  // Read by the error handlers from the arguments; declared here so every command accepts and documents it.
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "On an error, also print its Java details (stack trace).")
  boolean debug;

  /** Without a command: the list of commands, on stderr, and exit status 2 (a script asked for nothing). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  /** The version from the jar manifest ({@code dev} when run from classes) and the commit the launcher names. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PagoreconCommand.class.getPackage().getImplementationVersion();
      String commit = System.getProperty("pagorecon.commit", "unknown");
      return new String[] {"pagorecon " + (v == null ? "dev" : v) + " (commit " + (commit.isBlank() ? "unknown" : commit) + ")"};
    }
  }
}
