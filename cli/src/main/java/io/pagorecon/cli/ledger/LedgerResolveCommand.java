package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pagorecon ledger resolve ID}: handled by a person; a later run that finds it again reopens it. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    header = "Resolves an OPEN or ACKNOWLEDGED entry.",
    description = "A later run that finds the discrepancy again reopens it.",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon ledger resolve --local 'PAID_NOT_RECORDED|A-1001|11546901' --note \"shipped\"",
    })
public final class LedgerResolveCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin LedgerTarget target = new LedgerTarget();

  @Parameters(index = "0", paramLabel = "ID", description = "The entry id.")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "How it was resolved, for the history.")
  String note;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who records this (default: $USER).")
  String actor;

  public LedgerResolveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String who = ManualChangeCommand.actor(actor, context.env());
    return ManualChangeCommand.run(context, target, id, "resolve", (ledger, now) -> ledger.resolve(id, who, note.strip(), now));
  }
}
