package io.pagorecon.cli;

import picocli.CommandLine.Command;
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
      "Exit status: 0 no discrepancy, 1 discrepancies found, 2 bad input or usage, 3 infrastructure failure."
    })
public final class PagoreconCommand implements Runnable {

  @Spec CommandSpec spec;

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
