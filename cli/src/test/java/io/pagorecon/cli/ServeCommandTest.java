package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.http.LocalHttpApi;
import java.util.Map;
import java.util.function.Consumer;
import io.pagorecon.cli.internal.Conventions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

  static int run(Cli cli, Consumer<LocalHttpApi> whileServing, String... args) {
    CommandLine cl = new CommandLine(new PagoreconCommand());
    cl.addSubcommand(new ServeCommand(cli.context, whileServing));
    cl.setOut(cli.context.out());
    cl.setErr(cli.context.err());
    Conventions.apply(cl, cli.context);
    return cl.execute(args);
  }

  @Test
  void serve_shouldExit2_whenPortOrStageIsInvalid() {
    Cli port = new Cli();
    Cli stage = new Cli();

    assertThat(run(port, api -> {}, "serve", "--port", "-1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run(stage, api -> {}, "serve", "--stage", "staging")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(port.err()).contains("--port");
    assertThat(stage.err()).contains("--stage");
  }

  @Test
  void serveAws_shouldExit2NamingTheVariable_whenTheEnvironmentLacksTheFunctionsConfiguration() {
    Cli cli = new Cli(Map.of("AWS_REGION", "us-east-1", "STAGE", "sandbox"));
    boolean[] served = {false};

    int code = run(cli, api -> served[0] = true, "serve", "--aws", "--port", "0");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(served[0]).isFalse();
    assertThat(cli.err()).containsAnyOf("PAYMENTS_TABLE", "DATA_BUCKET", "PAGOEFECTIVO_SECRET_ARN");
  }
}
