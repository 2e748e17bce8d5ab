package io.pagorecon.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and usage errors of {@code pagorecon ledger}: nothing here reaches AWS. */
class LedgerCommandTest {

  @Test
  void help_shouldListTheFourSubcommandsAndTheExitCodes() {
    Cli r = Cli.run(Map.of(), "ledger", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("list").contains("show").contains("ack").contains("resolve").contains("Exit status");
  }

  @Test
  void noTable_shouldBeAUsageErrorNamingTheStackFlagsAndTheVariable() {
    Cli r = Cli.run(Map.of(), "ledger", "list");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--local").contains("--aws").contains("LEDGER_TABLE");
  }

  @Test
  void unknownStatus_shouldBeAUsageError() {
    Cli r = Cli.run(Map.of("LEDGER_TABLE", "t"), "ledger", "list", "--status", "CLOSED");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--status").contains("CLOSED");
  }

  @Test
  void badDateAndMissingId_shouldBeUsageErrors() {
    assertThat(Cli.run(Map.of("LEDGER_TABLE", "t"), "ledger", "list", "--since", "yesterday").exit()).isEqualTo(2);
    assertThat(Cli.run(Map.of("LEDGER_TABLE", "t"), "ledger", "ack").exit()).isEqualTo(2);
    assertThat(Cli.run(Map.of("LEDGER_TABLE", "t"), "ledger", "resolve").err()).contains("ID");
  }

  @Test
  void actor_shouldComeFromTheFlagThenTheLoginName() {
    assertThat(ManualChangeCommand.actor(" li.wei ", Map.of("USER", "root"))).isEqualTo("li.wei");
    assertThat(ManualChangeCommand.actor(null, Map.of("USER", "zhang"))).isEqualTo("zhang");
    assertThat(ManualChangeCommand.actor(null, Map.of())).isEqualTo("cli");
  }

  @Test
  void endpointFlag_shouldOverrideTheEnvironment() {
    LedgerTarget t = new LedgerTarget();
    picocli.CommandLine.populateCommand(t, "--endpoint", "http://127.0.0.1:5000", "--region", "eu-west-1", "--table", "t");
    io.pagorecon.cli.CliContext context = new io.pagorecon.cli.CliContext(java.time.Clock.systemUTC(), new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()), Map.of("AWS_ENDPOINT_URL", "https://example", "AWS_REGION", "us-east-1"));

    Map<String, String> env = t.name(context).orElseThrow().clientEnvironment();

    assertThat(env).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:5000").containsEntry("AWS_REGION", "eu-west-1");
  }
}
