package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help for people: every command's help has a summary, a description, examples, its environment and its exit statuses, unwrapped. */
class CliHelpTest {

  /** Every command and subcommand, as its words: {@code [ledger, show]}. */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    walk(Pagorecon.commandLine(new Cli().context), new ArrayList<>(), all);
    return all.stream();
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> all) {
    for (var e : cl.getSubcommands().entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      all.add(p);
      walk(e.getValue(), p, all);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_shouldHaveEverySectionAndNoWrappedLine(List<String> command) {
    Cli cli = new Cli();
    List<String> args = new ArrayList<>(command);
    args.add("--help");

    int code = cli.run(args.toArray(String[]::new));

    String help = cli.out();
    assertThat(code).as(cli.err()).isZero();
    assertThat(help).contains("Usage: pagorecon " + String.join(" ", command)).contains("Examples:").contains("Environment:")
        .contains("Exit status:").contains("  2  bad input or usage").doesNotContain("\u001b[");
    CommandLine cl = find(command);
    // each description paragraph is one line of the help: the terminal wraps it, never a hard line break
    for (String paragraph : cl.getCommandSpec().usageMessage().description()) {
      assertThat(help.lines().map(String::strip)).as("description paragraph on one line").contains(paragraph.strip());
    }
    assertThat(HelpExamples.inUsage(help)).as("examples").isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith(String.join(" ", command)));
    if (!command.equals(List.of("bench"))) {
      assertThat(help).contains("--profile").contains("--debug");
    }
  }

  @Test
  void topLevelList_shouldShowEverySummaryWhole_within80Columns() {
    Cli cli = new Cli();

    cli.run("--help");

    CommandLine root = Pagorecon.commandLine(new Cli().context);
    for (var e : root.getSubcommands().entrySet()) {
      String[] header = e.getValue().getCommandSpec().usageMessage().header();
      assertThat(header).as(e.getKey() + " has a one-line summary").hasSize(1);
      String line = cli.out().lines().filter(l -> l.strip().startsWith(e.getKey() + " ")).findFirst().orElseThrow();
      assertThat(line).as("the list's line for " + e.getKey()).endsWith(header[0]).hasSizeLessThanOrEqualTo(80);
    }
  }

  @Test
  void colour_shouldBeUsedOnlyOnATerminalWithoutNoColor() {
    assertThat(help(true, Map.of())).contains("\u001b[");
    assertThat(help(true, Map.of("NO_COLOR", "1"))).doesNotContain("\u001b[");
    assertThat(help(false, Map.of())).doesNotContain("\u001b[");
  }

  @Test
  void version_shouldNameTheVersionAndTheCommit() {
    Cli cli = new Cli();

    int code = cli.run("--version");

    assertThat(code).isZero();
    assertThat(cli.out()).matches("pagorecon \\S+ \\(commit \\S+\\)\\R");
  }

  private static String help(boolean terminal, Map<String, String> env) {
    StringWriter out = new StringWriter();
    CliContext context = new CliContext(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), env, terminal);
    Pagorecon.execute(context, "reconcile", "--help");
    return out.toString();
  }

  private static CommandLine find(List<String> command) {
    CommandLine cl = Pagorecon.commandLine(new Cli().context);
    for (String name : command) {
      cl = cl.getSubcommands().get(name);
    }
    return cl;
  }
}
