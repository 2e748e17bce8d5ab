package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command fed the bad usages issue 16 lists (and their kin): exit status 2, one line in the
 * common shape on stderr, no Java class name or stack trace. Nothing here reaches AWS or moto:
 * HOME is an empty directory, so --local finds no running serve.
 */
class CliBadUsageTest {

  @TempDir static Path dir;
  static Path home;
  static Path aFile;
  static Path scenario;

  @BeforeAll
  static void files() throws IOException {
    home = Files.createDirectories(dir.resolve("home"));
    aFile = Files.writeString(dir.resolve("a-file.txt"), "x\n");
    scenario = dir.resolve("scenario");
    Cli generate = new Cli();
    assertThat(generate.run("generate", "--orders", "20", "--seed", "7", "--date", "2024-01-15", "--out", scenario.toString())).isZero();
  }

  static Stream<List<String>> badUsages() {
    String orders = scenario.resolve("orders.csv").toString();
    String statement = scenario.resolve("statement.csv").toString();
    String webhooks = scenario.resolve("webhooks.jsonl").toString();
    String out = dir.resolve("reports").toString();
    List<List<String>> cases = new ArrayList<>(List.of(
        // the top level
        List.of(),
        // the "settle --help" was an unknown command then; settle is being added, so a name that stays unknown
        List.of("settel", "--help"),
        List.of("demoo"),
        List.of("--no-such-option"),
        // reconcile: a directory, a missing file, a non-calendar date, a day with nothing on it, a bad number
        List.of("reconcile", "--orders", dir.toString(), "--statement", statement),
        List.of("reconcile", "--orders", orders, "--statement", dir.resolve("absent.csv").toString()),
        List.of("reconcile", "--orders", orders, "--statement", statement, "--date", "2024-02-30", "--out", out),
        List.of("reconcile", "--orders", orders, "--statement", statement, "--webhooks", webhooks, "--date", "2023-01-15", "--out", out),
        List.of("reconcile", "--orders", orders, "--statement", statement, "--late-webhook-minutes", "soon"),
        List.of("reconcile", "--orders", orders),
        List.of("reconcile", "--orders", orders, "--statement", statement, "--out", aFile.toString()),
        // generate and demo: bad numbers, dates and output directories (nothing is started)
        List.of("generate", "--orders", "-1"),
        List.of("generate", "--date", "2024-13-01"),
        List.of("generate", "--out", aFile.toString()),
        List.of("demo", "--out", aFile.resolve("below").toString()),
        List.of("demo", "--date", "2024-02-30"),
        List.of("demo", "--orders", "0"),
        // serve and simulate
        List.of("serve", "--port", "-1"),
        List.of("serve", "--stage", "staging"),
        List.of("simulate", "--port", "70000"),
        List.of("simulate", "--webhook-url", "ftp://x/y"),
        // the stack commands: no stack named, no serve running, both flags
        List.of("replay", "--key", "raw/x.json"),
        List.of("replay", "--local", "--key", "raw/x.json"),
        List.of("replay", "--local", "--aws", "--key", "raw/x.json"),
        List.of("replay", "--to", "http://127.0.0.1:8080/webhooks/pagoefectivo"),
        List.of("ledger"),
        List.of("ledger", "list"),
        List.of("ledger", "list", "--local"),
        List.of("ledger", "list", "--local", "--status", "CLOSED"),
        List.of("ledger", "list", "--local", "--since", "2024-02-30"),
        List.of("ledger", "show", "--local"),
        List.of("ledger", "ack", "--local", "x", "--bogus"),
        List.of("ledger", "resolve", "--local", "PAID_NOT_RECORDED|A-1001|11546901"),
        List.of("backfill", "--from", "2024-01-14", "--to", "2024-01-15"),
        List.of("backfill", "--local", "--from", "2024-01-14", "--to", "2024-01-15"),
        List.of("backfill", "--local", "--from", "2024-01-15", "--to", "2024-01-14"),
        List.of("backfill", "--local", "--from", "2024-02-30", "--to", "2024-03-01"),
        List.of("backfill", "--from", "2024-01-14")));
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("badUsages")
  void badUsage_shouldExit2WithOneShapedLineAndNoJava(List<String> args) {
    Cli cli = new Cli(Map.of("HOME", home.toString()));

    int code = cli.run(args.toArray(String[]::new));

    assertThat(code).as(String.join(" ", args) + "\nstderr: " + cli.err()).isEqualTo(ExitCodes.BAD_INPUT);
    if (args.isEmpty() || args.equals(List.of("ledger"))) {
      assertThat(cli.err()).contains("Usage:").contains("Exit status");
    } else {
      UserErrors.assertShape(cli.err());
    }
  }

  @Test
  void nonCalendarDate_shouldSayWhatToUse() {
    Cli cli = new Cli();

    cli.run("generate", "--date", "2024-02-30");

    assertThat(cli.err().strip()).isEqualTo("pagorecon generate: --date: \"2024-02-30\" is not a calendar date — use YYYY-MM-DD, e.g. 2024-01-15");
  }

  @Test
  void directory_shouldBeBadInputNamingTheOption() {
    Cli cli = new Cli();

    cli.run("reconcile", "--orders", dir.toString(), "--statement", scenario.resolve("statement.csv").toString());

    assertThat(cli.err().strip()).isEqualTo("pagorecon reconcile: --orders " + dir + ": is a directory — name a file in it");
  }

  @Test
  void unknownCommand_shouldSayNoSuchCommand() {
    Cli cli = new Cli();

    int code = cli.run("settel", "--help");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).startsWith("pagorecon: settel: no such command — ");
  }

  @Test
  void localWithoutServe_shouldSayToStartServe() {
    Cli cli = new Cli(Map.of("HOME", home.toString()));

    cli.run("ledger", "list", "--local");

    assertThat(cli.err().strip()).startsWith("pagorecon ledger list: --local: no ./pagorecon serve is running on this machine")
        .contains("start ./pagorecon serve in another terminal");
  }

  @Test
  void debug_shouldAddTheDetails() {
    Cli cli = new Cli();

    cli.run("reconcile", "--debug", "--orders", dir.toString(), "--statement", "x.csv");

    assertThat(cli.err()).startsWith("pagorecon reconcile: --orders").contains("CliError").contains("\tat ");
  }

  @Test
  void staleRecord_shouldSayServeIsNoLongerRunning() throws IOException {
    Path staleHome = Files.createDirectories(dir.resolve("stale-home"));
    Files.createDirectories(staleHome.resolve(".pagorecon"));
    // a pid that cannot be running: larger than any pid_max
    Files.writeString(staleHome.resolve(".pagorecon/local-stack.json"), "{\"pid\":999999999,\"startedAt\":\"2024-01-16T00:00:00Z\","
        + "\"api\":\"http://127.0.0.1:1\",\"moto\":\"http://127.0.0.1:2\",\"region\":\"us-east-1\",\"stage\":\"sandbox\","
        + "\"simulator\":\"http://127.0.0.1:3/v1/\",\"resources\":{},\"functions\":{}}");
    Cli cli = new Cli(Map.of("HOME", staleHome.toString()));

    int code = cli.run("replay", "--local", "--key", "raw/x.json");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("pid 999999999").contains("is no longer running").contains("start ./pagorecon serve again");
  }
}
