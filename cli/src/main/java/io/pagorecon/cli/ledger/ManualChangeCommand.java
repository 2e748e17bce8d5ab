package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.ManualChange;
import java.util.Map;
import java.util.function.BiFunction;

/** What ack and resolve share: who acts, the change itself, and how its outcome is reported. */
final class ManualChangeCommand {

  private ManualChangeCommand() {}

  /** The actor recorded in the history: {@code --actor}, else the login name, else {@code cli}. */
  static String actor(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return flag.strip();
    }
    String user = env.getOrDefault("USER", env.get("USERNAME"));
    return user == null || user.isBlank() ? "cli" : user.strip();
  }

  static int run(CliContext context, LedgerTarget target, String id, String verb, BiFunction<DiscrepancyLedger, java.time.Instant, ManualChange> change) {
    return LedgerCommand.withLedger(context, target, opened -> {
      ManualChange c = change.apply(new DiscrepancyLedger(opened.ledger()), context.clock().instant());
      switch (c.outcome()) {
        case UPDATED:
          context.out().println(verb + " " + id + " (now " + c.entry().orElseThrow().status() + ", version " + c.entry().get().version() + ")");
          context.out().flush();
          return ExitCodes.CLEAN;
        case NOT_FOUND:
          throw CliError.badInput(id, "no such entry", "copy the id from ./pagorecon ledger list (quote it: it contains |)");
        default:
          context.err().println(CliError.line("pagorecon ledger " + verb, id, "is " + c.entry().orElseThrow().status() + "; nothing changed",
              "see ./pagorecon ledger show for its history"));
          return ExitCodes.DISCREPANCIES;
      }
    });
  }
}
