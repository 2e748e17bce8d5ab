package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_shouldExit2BeforeStartingAnything_whenOrdersIsOutOfRange() {
    Cli zero = new Cli();
    Cli huge = new Cli();

    assertThat(zero.run("demo", "--orders", "0")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(huge.run("demo", "--orders", "20001")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(zero.err()).contains("--orders");
    assertThat(zero.out()).doesNotContain("[1/");
  }

  @Test
  void demo_shouldExit2_whenTheDateIsNotIso() {
    Cli cli = new Cli();

    assertThat(cli.run("demo", "--date", "yesterday")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("--date");
  }
}
