package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's commands and paths must exist: a tour that fails on a fresh clone is worse than none. */
class ReadmeCommandsTest {

  private final Path root = StackTemplate.findUpwards(Path.of("").toAbsolutePath()).getParent();

  @Test
  void readme_shouldOnlyUseRegisteredCommands() throws IOException {
    Set<String> commands = Pagorecon.commandLine(new Cli().context).getSubcommands().keySet();
    Matcher m = Pattern.compile("\\./pagorecon ([a-z-]+)").matcher(Files.readString(root.resolve("README.md")));
    int seen = 0;
    while (m.find()) {
      assertThat(commands).as("README runs ./pagorecon " + m.group(1)).contains(m.group(1));
      seen++;
    }
    assertThat(seen).isGreaterThanOrEqualTo(4);
  }

  @Test
  void readme_shouldOnlyNameRepositoryPathsThatExist() throws IOException {
    Matcher m = Pattern.compile("`((?:cli|core|events|docs|devstack|functions|pagoefectivo-[a-z]+)/[A-Za-z0-9_./-]+)`")
        .matcher(Files.readString(root.resolve("README.md")));
    while (m.find()) {
      assertThat(root.resolve(m.group(1))).as("README names " + m.group(1)).exists();
    }
  }

  @Test
  void readmeTour_shouldRunAsWritten_forGenerateThenReconcile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String readme = Files.readString(root.resolve("README.md"));
    Matcher gen = Pattern.compile("\\./pagorecon (generate [^\\n]+)").matcher(readme);
    Matcher rec = Pattern.compile("\\./pagorecon (reconcile [^\\n]+\\\\\\n\\s+[^\\n]+)").matcher(readme);
    assertThat(gen.find()).isTrue();
    assertThat(rec.find()).isTrue();

    Cli generate = new Cli();
    int generated = generate.run(args(gen.group(1), dir));
    Cli reconcile = new Cli();
    int reconciled = reconcile.run(args(rec.group(1), dir));

    assertThat(generated).as(generate.err()).isZero();
    assertThat(reconciled).as(reconcile.err()).isEqualTo(ExitCodes.DISCREPANCIES);
    assertThat(dir.resolve("scenario/reports/discrepancies.csv")).exists();
  }

  @Test
  void readmeTour_shouldRunAsWritten_forGenerateThenSettle(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    String readme = Files.readString(root.resolve("README.md"));
    Matcher gen = Pattern.compile("\\./pagorecon (generate [^\\n]+)").matcher(readme);
    Matcher settle = Pattern.compile("\\./pagorecon (settle [^\\n]+\\\\\\n\\s+[^\\n]+)").matcher(readme);
    assertThat(gen.find()).isTrue();
    assertThat(settle.find()).isTrue();

    Cli generate = new Cli();
    int generated = generate.run(args(gen.group(1), dir));
    Cli run = new Cli();
    int settled = run.run(args(settle.group(1), dir));

    assertThat(generated).as(generate.err()).isZero();
    assertThat(settled).as(run.err()).isEqualTo(ExitCodes.DISCREPANCIES);
    java.util.List<String> report = Files.readAllLines(dir.resolve("scenario/reports/settlement-discrepancies.csv"));
    java.util.List<String> truth = Files.readAllLines(dir.resolve("scenario/settlement-ground-truth.csv"));
    assertThat(report.stream().skip(1).map(l -> String.join(",", java.util.Arrays.asList(l.split(",", -1)).subList(0, 4)).replaceFirst(",[a-z]+,", ",")).sorted())
        .containsExactlyElementsOf(truth.stream().skip(1).sorted().toList());
  }

  /** The README's words, with its relative paths put under {@code dir}. */
  private static String[] args(String line, Path dir) {
    String[] words = line.replace("\\\n", " ").trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if (words[i].startsWith("scenario")) {
        words[i] = dir.resolve(words[i]).toString();
      }
    }
    return words;
  }
}
