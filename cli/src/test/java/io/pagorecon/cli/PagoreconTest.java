package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagoreconTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"demo", "serve", "simulate", "generate", "reconcile", "replay"})
  void help_shouldDescribeEveryCommandAndItsExitCodes_whenAsked(String command) {
    Cli cli = new Cli();

    int code = cli.run(command, "--help");

    assertThat(code).isZero();
    assertThat(cli.out()).contains("Usage: pagorecon " + command).contains("Exit status:").contains("--profile");
  }

  @Test
  void root_shouldListTheCommandsOnStderrAndExit2_whenRunWithoutOne() {
    Cli cli = new Cli();

    int code = cli.run();

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("demo", "serve", "simulate", "generate", "reconcile", "replay");
  }

  @Test
  void unknownCommand_shouldExit2_whenMistyped() {
    Cli cli = new Cli();

    assertThat(cli.run("demoo")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("demoo");
  }

  @Test
  void options_shouldComeFromFlagsThenEnvironmentThenProfile_whenSeveralSourcesSetThem() throws IOException {
    Path profile = Files.writeString(dir.resolve("p.properties"), "seed=5\ngenerate.orders=7\ndate=2024-02-01\n");
    Path out = dir.resolve("s");

    // orders: profile (command-scoped key); seed: environment beats profile; date: flag beats both
    Cli cli = new Cli(Map.of("PAGORECON_SEED", "9", "PAGORECON_DATE", "2024-03-01"));
    int code = cli.run("generate", "--profile", profile.toString(), "--out", out.toString(), "--date", "2024-04-01");

    assertThat(code).isZero();
    assertThat(cli.out()).contains("business date 2024-04-01").contains("seed 9");
    // 7 orders (one may be an unknown order, absent from the export) instead of the default 1000
    assertThat(Files.readAllLines(out.resolve("orders.csv"))).hasSizeBetween(7, 8);
  }

  @Test
  void commandScopedEnvironment_shouldWinOverTheGeneralVariable_whenBothAreSet() {
    Cli cli = new Cli(Map.of("PAGORECON_GENERATE_SEED", "3", "PAGORECON_SEED", "9"));

    int code = cli.run("generate", "--orders", "2", "--out", dir.resolve("g").toString());

    assertThat(code).isZero();
    assertThat(cli.out()).contains("seed 3");
  }

  @Test
  void profile_shouldBeReadFromTheVariable_whenNoFlagNamesOne() throws IOException {
    Path profile = Files.writeString(dir.resolve("p.properties"), "orders=4\n");

    Cli cli = new Cli(Map.of("PAGORECON_PROFILE", profile.toString()));
    int code = cli.run("generate", "--out", dir.resolve("g").toString());

    assertThat(code).isZero();
    assertThat(Files.readAllLines(dir.resolve("g").resolve("orders.csv"))).hasSizeBetween(4, 5);
  }

  @Test
  void missingProfile_shouldExit2_whenNamedExplicitly() {
    Cli cli = new Cli();

    int code = cli.run("generate", "--profile", dir.resolve("absent.properties").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("absent.properties");
    UserErrors.assertShape(cli.err());
  }
}
