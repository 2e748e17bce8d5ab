package io.pagorecon.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.DynamoDbSyncRuns;
import io.pagorecon.core.sync.SyncRuns;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.Pagorecon;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import io.pagorecon.functions.doctor.Finding;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each doctor check's PASS and FAIL through the command, against the simulator over HTTP, a local
 * webhook endpoint and moto for the stack checks (tls: TlsCheckIT).
 */
class DoctorIT {

  static final Map<String, String> EXAMPLE_CREDENTIALS = Map.of("PAGOEFECTIVO_ACCESS_KEY", "ACCESSKEYEXAMPLE0001",
      "PAGOEFECTIVO_SECRET_KEY", "SECRETKEYEXAMPLE", "PAGOEFECTIVO_ID_SERVICE", "1035");

  private PagoEfectivoSimulator sim;
  private HttpServer webhook;
  private final AtomicInteger webhookStatus = new AtomicInteger(200);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.running(Clock.systemUTC())).build());
    webhook = LoopbackHttpServer.create(0, 0);
    // Answers like the webhook function: 401 when the signature does not verify with the stage's secretKey.
    webhook.createContext("/webhooks/pagoefectivo", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String sig = ex.getRequestHeaders().getFirst("PE-Signature");
      int status = sig != null && Signatures.verify("SECRETKEYEXAMPLE", body, sig) ? webhookStatus.get() : 401;
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    webhook.start();
  }

  @AfterEach
  void stop() {
    sim.close();
    webhook.stop(0);
  }

  private String webhookUrl() {
    return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/webhooks/pagoefectivo";
  }

  private int doctor(Map<String, String> env, String... args) {
    CliContext context = new CliContext(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), env);
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    return Pagorecon.execute(context, all);
  }

  private Map<String, String> verdicts() {
    Map<String, String> v = new LinkedHashMap<>();
    for (String line : out.toString().split("\n")) {
      String[] p = line.split(" ", 3);
      if (p.length == 3 && p[0].matches("PASS|WARN|FAIL")) {
        v.put(p[1], p[0]);
      }
    }
    return v;
  }

  private String line(String check) {
    return out.toString().lines().filter(l -> l.split(" ")[1].equals(check)).findFirst().orElseThrow();
  }

  @Test
  void explicitEndpoints_shouldPass_whenAllIsWell_andSayWhatWasNotChecked() {
    int exit = doctor(EXAMPLE_CREDENTIALS, "--pagoefectivo-url", sim.baseUrl(), "--webhook-url", webhookUrl());

    assertThat(exit).as(out + "" + err).isZero();
    assertThat(verdicts()).containsExactly(Map.entry("credentials", "PASS"), Map.entry("ip-allowlist", "PASS"),
        Map.entry("tls", "WARN"), Map.entry("webhook-endpoint", "PASS"), Map.entry("clock-skew", "PASS"),
        Map.entry("daily-limit", "WARN"), Map.entry("pipeline", "WARN"));
    assertThat(line("tls")).contains("plain HTTP").contains(" \u2014 ");
    assertThat(line("daily-limit")).contains("not checked");
    assertThat(out.toString()).doesNotContain("SECRETKEYEXAMPLE");
  }

  @Test
  void credentials_shouldFail_andTellAWrongSecretFromAnUnknownKey() {
    Map<String, String> wrongSecret = new HashMap<>(EXAMPLE_CREDENTIALS);
    wrongSecret.put("PAGOEFECTIVO_SECRET_KEY", "NOTTHESECRET");
    assertThat(doctor(wrongSecret, "--pagoefectivo-url", sim.baseUrl())).isEqualTo(1);
    assertThat(line("credentials")).startsWith("FAIL credentials hashString rejected").contains("secretKey is wrong");

    out.getBuffer().setLength(0);
    Map<String, String> unknownKey = new HashMap<>(EXAMPLE_CREDENTIALS);
    unknownKey.put("PAGOEFECTIVO_ACCESS_KEY", "ACCESSKEYUNKNOWN0002");
    assertThat(doctor(unknownKey, "--pagoefectivo-url", sim.baseUrl())).isEqualTo(1);
    assertThat(line("credentials")).startsWith("FAIL credentials accessKey refused");
  }

  @Test
  void ipAllowlist_shouldFail_whenPagoEfectivoRefusesTheAddress() {
    sim.injectFault(ApiFault.IP_NOT_ALLOWED, 1, "/v1/authorizations");

    assertThat(doctor(EXAMPLE_CREDENTIALS, "--pagoefectivo-url", sim.baseUrl())).isEqualTo(1);

    assertThat(verdicts()).containsEntry("ip-allowlist", "FAIL").containsEntry("credentials", "WARN");
    assertThat(line("ip-allowlist")).contains("HTTP 403").contains("allow-list");
  }

  @Test
  void clockSkew_shouldWarnThenFail_asPagoEfectivosClockDrifts() {
    sim.clock().advance(Duration.ofSeconds(60));
    assertThat(doctor(EXAMPLE_CREDENTIALS, "--pagoefectivo-url", sim.baseUrl())).isZero();
    assertThat(line("clock-skew")).startsWith("WARN clock-skew").contains("(tokenStart)");

    out.getBuffer().setLength(0);
    sim.clock().advance(Duration.ofSeconds(140));
    assertThat(doctor(EXAMPLE_CREDENTIALS, "--pagoefectivo-url", sim.baseUrl())).isEqualTo(1);
    assertThat(line("clock-skew")).startsWith("FAIL clock-skew local clock vs PagoEfectivo -20").contains("NTP");
    assertThat(verdicts()).containsEntry("credentials", "PASS");
  }

  @Test
  void webhookEndpoint_shouldFail_whenItAnswers500_orRejectsTheSignature() {
    webhookStatus.set(500);
    assertThat(doctor(EXAMPLE_CREDENTIALS, "--pagoefectivo-url", sim.baseUrl(), "--webhook-url", webhookUrl())).isEqualTo(1);
    assertThat(line("webhook-endpoint")).startsWith("FAIL webhook-endpoint signed probe answered HTTP 500");

    out.getBuffer().setLength(0);
    Map<String, String> otherSecret = new HashMap<>(EXAMPLE_CREDENTIALS);
    otherSecret.put("PAGOEFECTIVO_SECRET_KEY", "ROTATEDSECRET");
    webhookStatus.set(200);
    doctor(otherSecret, "--pagoefectivo-url", sim.baseUrl(), "--webhook-url", webhookUrl());
    assertThat(line("webhook-endpoint")).startsWith("FAIL webhook-endpoint signed probe refused with HTTP 401");
  }

  @Test
  void usage_shouldExit2_withoutATargetOrCredentials() {
    assertThat(doctor(EXAMPLE_CREDENTIALS)).isEqualTo(2);
    assertThat(doctor(Map.of(), "--pagoefectivo-url", sim.baseUrl())).isEqualTo(2);
    assertThat(err.toString()).contains("PAGOEFECTIVO_SECRET_KEY");
  }

  @Test
  void json_shouldListEveryCheck() throws Exception {
    doctor(EXAMPLE_CREDENTIALS, "--json", "--pagoefectivo-url", sim.baseUrl(), "--webhook-url", webhookUrl());

    JsonNode j = new ObjectMapper().readTree(out.toString());
    assertThat(j.path("fail").asBoolean()).isFalse();
    assertThat(j.path("checks")).extracting(c -> c.path("check").asText())
        .containsExactly("credentials", "ip-allowlist", "tls", "webhook-endpoint", "clock-skew", "daily-limit", "pipeline");
  }

  // ---- stack checks against moto ----

  @Test
  @MotoStack
  void dailyLimitAndPipeline_shouldPassWarnAndFail_onAStack(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("SyncFunction"));
    env.putAll(aws.stack().clientEnvironment());
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put(DoctorCommand.DEAD_LETTER_QUEUES, aws.ref("SchedulerDeadLetterQueue"));
    Instant now = Instant.now();
    LocalDate today = BusinessCalendar.lima().businessDate(now);
    new PaymentRecorder(new DynamoDbPaymentStore(aws.clients().dynamoDb(), aws.ref("PaymentsTable")), Duration.ofMinutes(10))
        .record(new PaymentFact("1000001", PaymentEvent.PAID, "cip.paid", Source.WEBHOOK, now, today,
            Optional.of(Money.of("900.00", Currency.PEN)), Optional.of("ORD-1"), Optional.of(OffsetDateTime.now()), Optional.empty(),
            Optional.of("1253"), Optional.empty(), Optional.empty()));

    assertThat(doctor(env, "--aws", "--daily-limit", "5000")).as(out + "" + err).isEqualTo(1);
    assertThat(line("daily-limit")).startsWith("PASS daily-limit paid today (" + today + ", PEN) 900.00 of 5000.00");
    assertThat(line("pipeline")).startsWith("FAIL pipeline last accepted webhook").contains("MISSING");
    assertThat(line("clock-skew")).contains("AWS");

    out.getBuffer().setLength(0);
    env.put(DoctorCommand.DAILY_LIMIT, "1000");
    doctor(env, "--aws");
    assertThat(line("daily-limit")).startsWith("WARN daily-limit").contains("(90 %)");

    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "900");
    assertThat(line("daily-limit")).startsWith("FAIL daily-limit");

    for (int back = 1; back <= 2; back++) {
      String day = today.minusDays(back).toString().replace('-', '/');
      aws.clients().s3().putObject(r -> r.bucket(aws.ref("DataBucket")).key("statements/sandbox/" + day + "/manifest.json"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("{}"));
      aws.clients().s3().putObject(r -> r.bucket(aws.ref("DataBucket")).key("reports/sandbox/" + day + "/summary.json"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("{}"));
    }
    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "5000");
    assertThat(line("pipeline")).startsWith("FAIL pipeline").contains("last sync NEVER").doesNotContain("MISSING");

    DynamoDbSyncRuns syncRuns = new DynamoDbSyncRuns(aws.clients().dynamoDb(), aws.ref("PaymentsTable"));
    syncRuns.record(new SyncRuns.Run(Instant.now().minus(Duration.ofMinutes(45)), 3, 0));
    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "5000");
    assertThat(line("pipeline")).startsWith("FAIL pipeline").contains(" LATE");

    syncRuns.record(new SyncRuns.Run(Instant.now(), 3, 1));
    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "5000");
    assertThat(line("pipeline")).startsWith("WARN pipeline").contains("(3 checked, 1 failed)");

    syncRuns.record(new SyncRuns.Run(Instant.now(), 3, 0));
    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "5000");
    assertThat(line("pipeline")).startsWith("PASS pipeline last accepted webhook " + now.toString().substring(0, 16));

    aws.clients().sqs().sendMessage(m -> m.queueUrl(aws.ref("SchedulerDeadLetterQueue")).messageBody("{}"));
    out.getBuffer().setLength(0);
    doctor(env, "--aws", "--daily-limit", "5000");
    assertThat(line("pipeline")).startsWith("FAIL pipeline").contains("dead-letter messages 1");
  }

}
