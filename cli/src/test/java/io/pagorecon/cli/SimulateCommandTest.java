package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.simulator.PagoEfectivoSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

  private int run(Cli cli, java.util.function.Consumer<PagoEfectivoSimulator> whileRunning, String... args) {
    var custom = new picocli.CommandLine(new PagoreconCommand());
    custom.addSubcommand(new SimulateCommand(cli.context, whileRunning));
    custom.setOut(cli.context.out());
    custom.setErr(cli.context.err());
    io.pagorecon.cli.internal.Conventions.apply(custom, cli.context);
    return custom.execute(args);
  }

  @Test
  void simulate_shouldServeTheApiWithTheEnvironmentsCredentials_untilStopped() {
    Cli cli = new Cli(Map.of("PAGOEFECTIVO_ACCESS_KEY", "ACCESSKEYEXAMPLE0001", "PAGOEFECTIVO_SECRET_KEY", "OTHERSECRET",
        "PAGOEFECTIVO_ID_SERVICE", "2040"));
    AtomicReference<Integer> created = new AtomicReference<>();
    AtomicReference<String> secret = new AtomicReference<>();

    int code = run(cli, sim -> {
      secret.set(sim.config().secretKey());
      created.set(post(sim.controlUrl() + "cips", "{\"transactionCode\":\"ORD-1\",\"currency\":\"PEN\",\"amount\":22.05}"));
    }, "simulate", "--port", "0", "--webhook-url", "http://127.0.0.1:9/webhooks/pagoefectivo");

    assertThat(code).isZero();
    assertThat(created.get()).isEqualTo(200);
    assertThat(secret.get()).isEqualTo("OTHERSECRET");
    assertThat(cli.out()).contains("API      http://127.0.0.1:").contains("/v1/").contains("webhooks http://127.0.0.1:9/webhooks/pagoefectivo");
  }

  @Test
  void simulate_shouldExit2_whenPortOrUrlIsInvalid() {
    Cli port = new Cli();
    Cli url = new Cli();

    assertThat(run(port, sim -> {}, "simulate", "--port", "70000")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run(url, sim -> {}, "simulate", "--port", "0", "--webhook-url", "ftp://x/y")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(port.err()).contains("--port");
    assertThat(url.err()).contains("--webhook-url");
  }

  private static int post(String url, String json) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
