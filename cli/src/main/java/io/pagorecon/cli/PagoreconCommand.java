package io.pagorecon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: only help and version; the work is in the subcommands. */
@Command(
    name = "pagorecon",
    mixinStandardHelpOptions = true,
    versionProvider = PagoreconCommand.Version.class,
    description = "Reconciles PagoEfectivo cash payments: seller orders, gateway statement and webhooks.",
    footer = {
      "",
      "Option values come from flags, then the environment (PAGORECON_<COMMAND>_<OPTION>, then",
      "PAGORECON_<OPTION>), then the profile file (--profile F, PAGORECON_PROFILE, or",
      "~/.pagorecon/profile.properties; keys <command>.<option> or <option>).",
      "",
      "Exit status: 0 no discrepancy, 1 discrepancies found, 2 bad input or usage, 3 infrastructure failure."
    })
public final class PagoreconCommand implements Runnable {

  @Spec CommandSpec spec;

  // Read before parsing (Pagorecon.execute); declared here so every command accepts and documents it.
  @Option(names = "--profile", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Properties file with option defaults (flags and environment win).")
  Path profile;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar manifest, {@code dev} when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PagoreconCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pagorecon " + (v == null ? "dev" : v)};
    }
  }
}
