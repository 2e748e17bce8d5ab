package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pagorecon.devstack.StackTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command line the help and the README document is valid usage, and those that need no
 * running stack run here as written (generate, reconcile, --help). The stack commands' examples run
 * in LocalStackIT (--local, against serve) and AwsStackIT (--aws, through moto's CloudFormation),
 * demo's in DemoIT.
 */
class DocumentedExamplesTest {

  private static final Path ROOT = StackTemplate.findUpwards(Path.of("").toAbsolutePath()).getParent();

  @TempDir Path dir;

  /** Each example of every command's help. */
  static Stream<String> helpExamples() {
    List<String> all = new ArrayList<>();
    all.addAll(HelpExamples.inUsage(Pagorecon.commandLine(new Cli().context).getUsageMessage(picocli.CommandLine.Help.Ansi.OFF)));
    CliHelpTest.commands().forEach(c -> all.addAll(HelpExamples.of(String.join(" ", c))));
    return all.stream();
  }

  /** Each {@code ./pagorecon} command line of the README (continuation lines joined). */
  static Stream<String> readmeExamples() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md")).replace("\\\n", " ");
    Matcher m = Pattern.compile("(?m)^\\./pagorecon (.+)$").matcher(readme);
    List<String> all = new ArrayList<>();
    while (m.find()) {
      all.add(m.group(1).strip());
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(6);
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource({"helpExamples", "readmeExamples"})
  void example_shouldBeValidUsage(String example) {
    List<String> words = HelpExamples.words(example);
    assertThatCode(() -> Pagorecon.commandLine(new Cli().context).parseArgs(words.toArray(String[]::new)))
        .as(example).doesNotThrowAnyException();
  }

  @Test
  void examplesThatWrite_shouldNameWhereTheyWrite() {
    // an example that writes its reports into the current directory would litter wherever it is pasted (or tested)
    for (String example : HelpExamples.of("generate", "reconcile", "demo")) {
      if (!example.endsWith(" demo") && !example.equals("demo")) {
        assertThat(HelpExamples.words(example)).as(example).contains("--out");
      }
    }
  }

  @Test
  void generateThenReconcileExamples_shouldRunAsWritten() {
    List<String> examples = new ArrayList<>(HelpExamples.of("generate"));
    examples.addAll(HelpExamples.of("reconcile"));
    for (String example : examples) {
      Cli cli = new Cli();
      int code = cli.run(underDir(HelpExamples.words(example)));
      assertThat(code).as(example + "\n" + cli.err()).isEqualTo(example.startsWith("generate") ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES);
    }
    assertThat(dir.resolve("scenario/reports/summary.json")).exists();
  }

  @Test
  void helpExamplesOfTheRoot_shouldRunAsWritten() {
    for (String example : HelpExamples.inUsage(Pagorecon.commandLine(new Cli().context).getUsageMessage(picocli.CommandLine.Help.Ansi.OFF))) {
      if (example.endsWith("--help")) {
        Cli cli = new Cli();
        assertThat(cli.run(HelpExamples.words(example).toArray(String[]::new))).as(example).isZero();
      }
    }
  }

  /** The example's relative scenario paths put under this test's directory. */
  private String[] underDir(List<String> words) {
    return words.stream().map(w -> w.startsWith("scenario") ? dir.resolve(w).toString() : w).toArray(String[]::new);
  }
}
