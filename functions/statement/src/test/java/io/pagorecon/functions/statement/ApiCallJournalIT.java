package io.pagorecon.functions.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.S3JournalStore;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.Source;
import io.pagorecon.simulator.CipView;
import java.math.BigDecimal;
import java.time.LocalDate;
import io.pagorecon.core.Stage;
import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.journal.ApiCall;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.journal.JournalLines;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.statement.internal.StatementWiring;
import io.pagorecon.pagoefectivo.PagoEfectivoClient;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.pagoefectivo.RetryPolicy;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API call journal end to end: the real client against the simulator over HTTP, the journal
 * written to the data bucket in moto and read back from S3 as an operator would.
 */
@MotoStack
class ApiCallJournalIT {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final String DAY_PREFIX = "journal/sandbox/2024/01/15/";
  static final PagoEfectivoCredentials CREDS = new PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035");
  /** What must never be found in a journal. */
  static final List<String> SECRETS_AND_PERSONAL_DATA =
      List.of("SECRETKEYEXAMPLE", "ACCESSKEYEXAMPLE0001", "ana.quispe@example.com", "45871236", "Quispe", "987654321", "eyJ");

  private PagoEfectivoSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static CipRequest personalOrder(String id) {
    return new CipRequest(id, Money.of("160.35", Currency.PEN), Optional.of(OffsetDateTime.parse("2024-01-16T10:30:00-05:00")),
        "ana.quispe@example.com", Optional.of("Pedido " + id), Optional.empty(), Optional.empty(), Optional.of("u-1"),
        Optional.of("Ana"), Optional.of("Quispe"), Optional.of("DNI"), Optional.of("45871236"), Optional.of("987654321"),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The objects under a prefix; each is also copied to target/journals/ for the CI scan (.ci/scan-test-logs). */
  private List<byte[]> journalObjects(AwsTestEnvironment aws, String prefix) throws java.io.IOException {
    List<byte[]> out = new ArrayList<>();
    aws.clients().s3().listObjectsV2Paginator(r -> r.bucket(aws.ref("DataBucket")).prefix(prefix)).contents().forEach(o ->
        out.add(aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key(o.key())).asByteArray()));
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "journals"));
    for (int i = 0; i < out.size(); i++) {
      java.nio.file.Files.write(dir.resolve(getClass().getSimpleName() + "-" + prefix.replace('/', '_') + i + ".jsonl"), out.get(i));
    }
    return out;
  }

  @Test
  void everyCall_shouldBeJournaledOnS3_withItsIds_andNoSecretOrPersonalData(AwsTestEnvironment aws) throws Exception {
    SimClock clock = SimClock.frozenAt(T0);
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).timeoutHold(Duration.ofMillis(600)).build());
    InvocationJournal journal = new InvocationJournal(new S3JournalStore(aws.clients().s3(), aws.ref("DataBucket")), Stage.SANDBOX,
        BusinessCalendar.lima());
    PagoEfectivoConfig config = PagoEfectivoConfig.of(URI.create(sim.baseUrl()), CREDS)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)).withConcurrency(2, 0)
        .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), 0));
    try (PagoEfectivoClient client = new PagoEfectivoClient(config, clock, d -> { }, () -> 0.5, journal)) {
      String paid = client.create(personalOrder("ORD-1")).cip();
      String deleted = client.create(personalOrder("ORD-2")).cip();
      sim.injectFault(ApiFault.TIMEOUT_AFTER_COMMIT, 1, "/v1/cips");
      try {
        client.create(personalOrder("ORD-3"));
      } catch (GatewayException expected) {
        assertThat(expected.kind()).isEqualTo(GatewayException.Kind.OUTCOME_UNKNOWN);
      }
      client.changeExpiry(paid, OffsetDateTime.parse("2024-01-17T10:30:00-05:00"));
      client.delete(deleted);
      sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips/search");
      client.search(List.of(paid, deleted));
      journal.flush("invocation-1");
      client.search(List.of(paid));
      journal.flush("invocation-2");
    }

    List<byte[]> objects = journalObjects(aws, DAY_PREFIX);

    assertThat(objects).as("one object per invocation").hasSize(2);
    List<JournalLines.Line> lines = objects.stream().flatMap(o -> JournalLines.read(o).stream()).toList();
    Map<String, ApiCall> byRequestId = lines.stream().map(JournalLines.Line::call)
        .collect(Collectors.toMap(ApiCall::requestId, Function.identity()));
    List<io.pagorecon.simulator.ApiCall> received = sim.apiCalls();
    assertThat(received).hasSize(9);
    assertThat(byRequestId).hasSameSizeAs(received);
    for (io.pagorecon.simulator.ApiCall c : received) {
      ApiCall j = byRequestId.get(c.header("x-request-id"));
      assertThat(j).as(c.method() + " " + c.path()).isNotNull();
      assertThat(j.url()).isEqualTo("http://127.0.0.1:" + sim.port() + c.path());
      assertThat(j.method()).isEqualTo(c.method());
      assertThat(j.status()).isEqualTo(c.status());
      if (c.status() != 0) {
        assertThat(j.gatewayIds()).containsKey("x-correlation-id");
      } else {
        assertThat(j.error()).contains("timed out");
      }
    }
    assertThat(lines).extracting(l -> l.call().operation())
        .containsExactly("authorize", "create", "create", "create", "patch", "delete", "search", "search", "search");
    assertThat(lines).extracting(l -> l.call().status()).containsExactly(201, 201, 201, 0, 200, 200, 503, 200, 200);
    assertThat(lines.get(3).call().transactionCodes()).as("the lost create names its order").containsExactly("ORD-3");
    assertThat(lines.get(6).call().cips()).containsExactlyInAnyOrder(lines.get(1).call().cips().get(0), lines.get(2).call().cips().get(0));
    assertThat(lines).extracting(JournalLines.Line::invocationId).containsOnly("invocation-1", "invocation-2");
    for (byte[] o : objects) {
      assertThat(new String(o, StandardCharsets.UTF_8)).doesNotContain(SECRETS_AND_PERSONAL_DATA);
    }
  }

  @Test
  void statementFunction_shouldJournalItsSearches_asWiredFromTheTemplate(AwsTestEnvironment aws) throws Exception {
    SimClock clock = SimClock.frozenAt(Instant.parse("2024-01-16T07:00:00Z"));
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(clock).build());
    aws.putSecret("PagoEfectivoSecret",
        "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("StatementFunction"));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    DailyStatementHandler handler = new DailyStatementHandler(StatementWiring.fromEnvironment(env, clock), clock,
        new PrintStream(logs, true, StandardCharsets.UTF_8));
    CipView v = sim.createCip("ORD-7", "PEN", new BigDecimal("10.00"), OffsetDateTime.parse("2024-01-17T10:00:00-05:00"));
    long cip = v.cip();
    new PaymentRecorder(new DynamoDbPaymentStore(aws.clients().dynamoDb(), aws.ref("PaymentsTable")), Duration.ofMinutes(10))
        .record(new PaymentFact(Long.toString(cip), PaymentEvent.CREATED, "api:CREATED", Source.API, T0, LocalDate.of(2024, 1, 15),
            Optional.of(Money.of("10.00", Currency.PEN)), Optional.of("ORD-7"), Optional.empty(), Optional.of(v.dateExpiry()),
            Optional.empty(), Optional.empty(), Optional.empty()));

    handler.handleRequest(new ByteArrayInputStream("{\"businessDate\":\"2024-01-15\"}".getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(), null);

    // Filed under the Lima date the calls were made (the 16th), whatever day the statement is for.
    List<JournalLines.Line> lines = journalObjects(aws, "journal/sandbox/2024/01/16/").stream().flatMap(o -> JournalLines.read(o).stream()).toList();
    assertThat(lines).extracting(l -> l.call().operation()).containsExactly("authorize", "search");
    assertThat(lines.get(1).call().cips()).containsExactly(Long.toString(cip));
    assertThat(lines.get(0).call().requestBody().orElseThrow()).doesNotContain(SECRETS_AND_PERSONAL_DATA);
    // The outcome line carries the embedded metrics StatementFailuresAlarm and StatementMissingAlarm read.
    com.fasterxml.jackson.databind.JsonNode outcome = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        logs.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("statement_outcome")).findFirst().orElseThrow());
    assertThat(outcome.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("pagorecon/statement");
    assertThat(outcome.at("/_aws/CloudWatchMetrics/0/Metrics")).extracting(m -> m.get("Name").asText())
        .containsExactly("statementsPublished", "statementsFailed");
    assertThat(outcome.get("statementsPublished").asInt()).isEqualTo(1);
    assertThat(outcome.get("stage").asText()).isEqualTo("sandbox");
  }
}
