package io.pagorecon.cli.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pagorecon ledger list}: entries in a status, most recently seen first (the byStatus index, never a scan). */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "Lists ledger entries in a status, most recently seen first.",
    description = "Reads the byStatus index (never a scan of the table).",
    footer = {
      "",
      "Examples:",
      "  ./pagorecon ledger list --local",
      "  ./pagorecon ledger list --aws --stack-name pagorecon-sandbox --status ACKNOWLEDGED --since 2024-01-01 --json",
    })
public final class LedgerListCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin LedgerTarget target = new LedgerTarget();

  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "OPEN",
      description = "OPEN, ACKNOWLEDGED, RESOLVED or AUTO_RESOLVED (default: ${DEFAULT-VALUE}).")
  String status;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only entries last seen on or after this business date.")
  LocalDate since;

  @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Only entries last seen on or before this business date.")
  LocalDate until;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many entries (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  public LedgerListCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<LedgerStatus> s = LedgerStatus.parse(status);
    if (s.isEmpty()) {
      throw CliError.badInput("--status " + status, "no such status", "use OPEN, ACKNOWLEDGED, RESOLVED or AUTO_RESOLVED");
    }
    if (limit < 1) {
      throw CliError.badInput("--limit " + limit, "must be at least 1", "e.g. --limit 100");
    }
    return LedgerCommand.withLedger(context, target, opened -> {
      List<LedgerEntry> entries = opened.ledger().byStatus(s.get(), Optional.ofNullable(since), Optional.ofNullable(until), limit);
      if (json) {
        ArrayNode a = LedgerText.JSON.createArrayNode();
        entries.forEach(e -> a.add(LedgerText.json(e)));
        context.out().println(a.toPrettyString());
      } else {
        LedgerText.table(context.out(), entries);
      }
      context.out().flush();
      return ExitCodes.CLEAN;
    });
  }
}
