package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.core.payment.StorageException;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pagorecon ledger}: the discrepancy ledger of a stack (or of the local emulator). */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Lists, shows, acknowledges and resolves discrepancies in the ledger of a stack.",
    footer = {"", "Exit status: 0 done, 1 not allowed in the entry's status (nothing changed), 2 bad usage or unknown id, 3 AWS unreachable or failing."})
public final class LedgerCommand implements Runnable {

  @Spec CommandSpec spec;

  /** The {@code ledger} command with its subcommands, for {@code Pagorecon.commandLine}. */
  public static CommandLine create(CliContext context) {
    CommandLine cl = new CommandLine(new LedgerCommand());
    cl.addSubcommand(new LedgerListCommand(context));
    cl.addSubcommand(new LedgerShowCommand(context));
    cl.addSubcommand(new LedgerAckCommand(context));
    cl.addSubcommand(new LedgerResolveCommand(context));
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code body} against the target's ledger, turning a missing table and AWS faults into exit codes. */
  static int withLedger(CliContext context, LedgerTarget target, Function<LedgerTarget.Opened, Integer> body) {
    Optional<String> table = target.table(context.env());
    if (table.isEmpty()) {
      context.err().println("pagorecon ledger: no table: pass --table or set LEDGER_TABLE (the stack's LedgerTableName output)");
      return ExitCodes.BAD_INPUT;
    }
    try (LedgerTarget.Opened opened = target.open(context.env(), table.get())) {
      return body.apply(opened);
    } catch (StorageException | software.amazon.awssdk.core.exception.SdkException e) {
      context.err().println("pagorecon ledger: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
      return ExitCodes.INFRASTRUCTURE;
    }
  }
}
