package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.core.ledger.LedgerEntry;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pagorecon ledger show ID}: one entry with its notes and full history. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Shows one ledger entry with its notes and history.",
    description = "Quote the id in the shell: it contains |.",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon ledger show --local 'PAID_NOT_RECORDED|A-1001|11546901'",
    })
public final class LedgerShowCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin LedgerTarget target = new LedgerTarget();

  @Parameters(index = "0", paramLabel = "ID", description = "The entry id, e.g. PAID_NOT_RECORDED|A-1001|11546901 (quote it in the shell).")
  String id;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  public LedgerShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return LedgerCommand.withLedger(context, target, opened -> {
      Optional<LedgerEntry> e = opened.ledger().find(id);
      if (e.isEmpty()) {
        throw CliError.badInput(id, "no such entry", "copy the id from ./pagorecon ledger list (quote it: it contains |)");
      }
      if (json) {
        context.out().println(LedgerText.json(e.get()).toPrettyString());
      } else {
        LedgerText.detail(context.out(), e.get());
      }
      context.out().flush();
      return ExitCodes.CLEAN;
    });
  }
}
