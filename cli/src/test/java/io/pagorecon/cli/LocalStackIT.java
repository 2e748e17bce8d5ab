package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.cli.internal.LocalStackRecord;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.http.LocalHttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagorecon serve} in one "terminal", and in another {@code replay --local}, {@code ledger
 * ... --local} and {@code backfill --local} exactly as their help documents them, with nothing set
 * but HOME: every name comes from the record serve writes, which is gone once serve stops.
 */
class LocalStackIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ENTRY = "PAID_NOT_RECORDED|A-1001|11546901";

  @TempDir Path home;
  @TempDir Path logs;

  /** serve, as the CLI runs it, with {@code whileServing} in place of waiting for Ctrl-C. */
  private static int serve(Cli cli, Consumer<LocalHttpApi> whileServing, String... args) {
    return ServeCommandTest.run(cli, whileServing, args);
  }

  @Test
  void stackCommands_shouldWorkWithLocalAndNothingElseSet_whileServeRuns() throws Exception {
    Map<String, String> onlyHome = Map.of("HOME", home.toString());
    Cli served = new Cli(onlyHome);
    Path record = LocalStackRecord.path(onlyHome);
    List<Cli> runs = new ArrayList<>();
    Path[] motoLog = new Path[1];

    int code = serve(served, api -> {
      try {
        assertThat(record).exists();
        LocalStackRecord.Contents c = LocalStackRecord.read(record).orElseThrow();
        // serve writes moto's log only when it starts moto itself (CI gives it a running one)
        motoLog[0] = Files.list(logs).filter(p -> p.getFileName().toString().startsWith("moto-")).findFirst()
            .orElseGet(() -> System.getenv("PAGORECON_MOTO_ENDPOINT") != null ? logs.resolve("moto-none.log") : null);
        assertThat(motoLog[0]).as("moto's log while serve runs").isNotNull();

        // the README's shop flow: a CIP for ORD-1001, paid at the simulator, its webhook archived in the data bucket
        JsonNode created = post(api.baseUri() + "/payments",
            "{\"orderId\":\"ORD-1001\",\"amount\":\"160.35\",\"currency\":\"PEN\",\"userEmail\":\"shopper@example.com\"}");
        String control = c.simulator().replaceFirst("/v1/?$", "/_sim/");
        post(control + "pay", "{\"cip\":" + created.path("cip").asText() + "}");
        JsonNode order = get(api.baseUri() + "/payments/ORD-1001");
        String key = order.path("cips").get(0).path("evidenceKeys").get(0).asText();

        Cli replay = run(onlyHome, runs, "replay", "--local", "--key", key);
        assertThat(replay.out()).contains("original PE-Signature").contains(api.baseUri() + "/webhooks/pagoefectivo: HTTP 200")
            .contains("DUPLICATE");
        // the README's tour lines, $key being what its curl | sed extracts
        List<String> readme = DocumentedExamplesTest.readmeExamples().filter(e -> e.contains("--local")).toList();
        assertThat(readme).hasSizeGreaterThanOrEqualTo(2);
        for (String line : readme) {
          run(onlyHome, runs, HelpExamples.words(line.replace("\"$key\"", key)).toArray(String[]::new));
        }

        // the help's example key, archived as the webhook archives a notification (signed with the example secretKey)
        for (String example : HelpExamples.of("replay")) {
          List<String> args = HelpExamples.words(example);
          if (args.contains("--local")) {
            archive(c, args.get(args.indexOf("--key") + 1));
            assertThat(run(onlyHome, runs, args.toArray(String[]::new)).out()).contains(": HTTP 200");
          }
        }

        Cli list = run(onlyHome, runs, "ledger", "list", "--local");
        assertThat(list.out()).startsWith("ID");

        // an entry to work on, as a reconciliation would leave it
        seedLedger(c);
        for (String example : HelpExamples.of("ledger show", "ledger ack", "ledger resolve")) {
          List<String> args = HelpExamples.words(example);
          if (args.contains("--local")) {
            run(onlyHome, runs, args.toArray(String[]::new));
          }
        }
        assertThat(run(onlyHome, runs, "ledger", "list", "--local", "--status", "RESOLVED").out()).contains(ENTRY);

        for (String example : HelpExamples.of("backfill")) {
          List<String> args = HelpExamples.words(example);
          if (args.contains("--local")) {
            assertThat(run(onlyHome, runs, args.toArray(String[]::new)).out()).contains("2 published, 0 failed");
          }
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "serve", "--port", "0", "--logs", logs.toString());

    assertThat(code).as(served.err()).isZero();
    assertThat(served.out()).contains("./pagorecon ledger list --local");
    assertThat(runs).hasSizeGreaterThanOrEqualTo(6);
    assertThat(record).as("serve removes its record when it stops").doesNotExist();
    assertThat(motoLog[0]).as("serve removes moto's log when it stops").doesNotExist();
  }

  @Test
  void local_shouldBeRefused_onceServeHasStopped() {
    Map<String, String> onlyHome = Map.of("HOME", home.toString());
    assertThat(serve(new Cli(onlyHome), api -> { }, "serve", "--port", "0", "--logs", logs.toString())).isZero();

    Cli after = new Cli(onlyHome);
    int code = after.run("ledger", "list", "--local");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(after.err()).contains("no ./pagorecon serve is running");
  }

  /** A command run as from another terminal: real time (PagoEfectivo, here the simulator, refuses a far-off clock). */
  private static Cli run(Map<String, String> env, List<Cli> runs, String... args) {
    Cli cli = new Cli(env, java.time.Clock.systemUTC());
    int code = cli.run(args);
    assertThat(code).as(String.join(" ", args) + "\n" + cli.out() + cli.err()).isZero();
    runs.add(cli);
    return cli;
  }

  private static void seedLedger(LocalStackRecord.Contents c) {
    Optional<Money> m = Optional.of(Money.of("160.35", Currency.PEN));
    Discrepancy d = new Discrepancy(Category.PAID_NOT_RECORDED, Optional.of(LocalDate.of(2024, 1, 15)), "A-1001", "11546901", m, m,
        Optional.of(Currency.PEN), Optional.empty(), Optional.empty(), "", Optional.empty());
    try (LocalClients clients = new LocalClients(URI.create(c.moto()))) {
      new DiscrepancyLedger(new DynamoDbLedger(clients.dynamoDb(), c.resources().get("LedgerTable")))
          .apply(LocalDate.of(2024, 1, 15), List.of(d), Instant.parse("2024-01-16T06:00:00Z"));
    }
  }

  private static void archive(LocalStackRecord.Contents c, String key) {
    byte[] body = ServeCommandIT.BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> metadata = Map.of("pe-signature", io.pagorecon.core.webhook.Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", body),
        "content-type", "application/json");
    try (LocalClients clients = new LocalClients(URI.create(c.moto()))) {
      if (key.contains("#")) {
        // an hour batch's record: its evidence item, as the webhook writes it before the hour is exported
        new io.pagorecon.aws.EvidenceItems(clients.dynamoDb(), c.resources().get("PaymentsTable"))
            .put(key, body, metadata, java.time.Instant.parse("2024-01-15T15:35:20Z"));
        return;
      }
      clients.s3().putObject(p -> p.bucket(c.resources().get("DataBucket")).key(key)
          .metadata(Map.of("pe-signature", io.pagorecon.core.webhook.Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", body),
              "content-type", "application/json")), software.amazon.awssdk.core.sync.RequestBody.fromBytes(body));
    }
  }

  private static JsonNode post(String url, String json) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isBetween(200, 299);
    return JSON.readTree(r.body());
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
