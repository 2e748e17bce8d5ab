package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.cli.internal.AwsErrors;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.StackTarget;
import io.pagorecon.core.payment.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code pagorecon ledger}: the discrepancy ledger of a stack (or of the local emulator). */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    header = "List, show, acknowledge and resolve the ledger's discrepancies.",
    description = "Works the discrepancy ledger of a stack (rules in docs/ledger.md): name the stack with --local (a running ./pagorecon serve) "
        + "or --aws [--stack-name NAME] on each subcommand.",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon ledger list --local",
      "  ./pagorecon ledger show --aws --stack-name pagorecon-sandbox 'PAID_NOT_RECORDED|A-1001|11546901'",
    })
public final class LedgerCommand implements Callable<Integer> {

  /** What every ledger command's help ends with: the environment it reads and its exit statuses. */
  static final List<String> COMMON_FOOTER = List.of(
      "",
      "Environment: " + StackTarget.ENVIRONMENT_HELP + "; without --local or --aws: LEDGER_TABLE, AWS_REGION, AWS_ENDPOINT_URL.",
      "",
      "Exit status:",
      "  0  done",
      "  1  not allowed in the entry's status (nothing changed)",
      "  2  bad input or usage, unknown id, no stack named",
      "  3  AWS unreachable or failing");

  @Spec CommandSpec spec;

  /** The {@code ledger} command with its subcommands, for {@code Pagorecon.commandLine}. */
  public static CommandLine create(CliContext context) {
    CommandLine cl = new CommandLine(new LedgerCommand());
    cl.addSubcommand(new LedgerListCommand(context));
    cl.addSubcommand(new LedgerShowCommand(context));
    cl.addSubcommand(new LedgerAckCommand(context));
    cl.addSubcommand(new LedgerResolveCommand(context));
    appendCommonFooter(cl);
    cl.getSubcommands().values().forEach(LedgerCommand::appendCommonFooter);
    return cl;
  }

  private static void appendCommonFooter(CommandLine cl) {
    List<String> footer = new ArrayList<>(List.of(cl.getCommandSpec().usageMessage().footer()));
    footer.addAll(COMMON_FOOTER);
    cl.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
  }

  /** Without a subcommand: the list, on stderr, exit status 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  /** Runs {@code body} against the target's ledger, turning a missing table and AWS faults into {@link CliError}s. */
  static int withLedger(CliContext context, LedgerTarget target, Function<LedgerTarget.Opened, Integer> body) {
    LedgerTarget.Named named = target.name(context).orElseThrow(() -> StackTarget.noStack("LEDGER_TABLE"));
    try (LedgerTarget.Opened opened = LedgerTarget.open(named)) {
      return body.apply(opened);
    } catch (SdkException e) {
      throw AwsErrors.describe("reading the ledger table " + named.table(), e);
    } catch (StorageException e) {
      if (e.getCause() instanceof SdkException sdk) {
        throw AwsErrors.describe("ledger table " + named.table() + ": " + e.getMessage(), sdk);
      }
      throw CliError.infrastructure("ledger table " + named.table(), e.getMessage(), "retry; if it persists, check the table", e);
    } catch (IllegalArgumentException e) {
      throw CliError.badInput("AWS configuration", e.getMessage(), "fix the variable it names", e);
    }
  }
}
