package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pagorecon ledger ack ID}: someone is on it (owner and note go into the history). */
@Command(
    name = "ack",
    mixinStandardHelpOptions = true,
    header = "Acknowledges an OPEN (or re-assigns an ACKNOWLEDGED) entry.",
    description = "The owner and the note go into the entry's history.",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon ledger ack --local 'PAID_NOT_RECORDED|A-1001|11546901' --owner finance --note \"calling the agent\"",
    })
public final class LedgerAckCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin LedgerTarget target = new LedgerTarget();

  @Parameters(index = "0", paramLabel = "ID", description = "The entry id.")
  String id;

  @Option(names = "--owner", paramLabel = "NAME", description = "Who works on it (kept when omitted).")
  String owner;

  @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "A note for the history.")
  String note;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who records this (default: $USER).")
  String actor;

  public LedgerAckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String who = ManualChangeCommand.actor(actor, context.env());
    return ManualChangeCommand.run(context, target, id, "ack",
        (ledger, now) -> ledger.acknowledge(id, who, Optional.ofNullable(owner).map(String::strip).filter(s -> !s.isEmpty()), note.strip(), now));
  }
}
