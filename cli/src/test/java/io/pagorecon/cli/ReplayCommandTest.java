package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

  @Test
  void replay_shouldExit2_whenKeyOrTargetIsMissing() {
    Cli noKey = new Cli();
    Cli noTo = new Cli(Map.of("DATA_BUCKET", "b"));

    assertThat(noKey.run("replay", "--to", "http://127.0.0.1:8080/webhooks/pagoefectivo")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noTo.run("replay", "--key", "raw/x.json")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noKey.err()).contains("--key");
    assertThat(noTo.err()).contains("--to");
  }

  @Test
  void replay_shouldExit2_whenNoBucketIsGivenOrSet() {
    Cli cli = new Cli();

    int code = cli.run("replay", "--key", "raw/x.json", "--to", "http://127.0.0.1:8080/webhooks/pagoefectivo");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("DATA_BUCKET");
  }

  @Test
  void replay_shouldExit2_whenTheTargetIsNotHttp() {
    Cli cli = new Cli(Map.of("DATA_BUCKET", "b"));

    int code = cli.run("replay", "--key", "raw/x.json", "--to", "file:///etc/passwd");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("--to");
  }
}
