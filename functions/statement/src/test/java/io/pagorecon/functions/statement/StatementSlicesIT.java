package io.pagorecon.functions.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.S3SliceStore;
import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.Source;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.triggers.LocalDispatcher;
import io.pagorecon.devstack.triggers.TemplateTriggers;
import io.pagorecon.functions.statement.internal.StatementWiring;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The statement in slices end to end on the local stack: the template's schedule starts
 * StatementFunction, which plans the day and queues its slices on the template's queue; the queue's
 * event source runs StatementSliceFunction two at a time (its MaximumConcurrency), one slice fails
 * once and is retried alone through the queue's redrive, the last slice publishes, and the
 * manifest's rule starts ReconcileFunction once. The statement is byte-identical to a single build.
 */
@MotoStack
class StatementSlicesIT {

  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final Instant RUN = Instant.parse("2024-01-16T07:00:00Z");
  static final String PREFIX = "statements/sandbox/2024/01/15/";
  static final ObjectMapper JSON = new ObjectMapper();

  private PagoEfectivoSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void largeDay_shouldBeBuiltInSlicesThroughTheTemplatesQueue_theFailedSliceRetriedAlone_andEqualASingleBuild(AwsTestEnvironment aws)
      throws Exception {
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.frozenAt(RUN)).build());
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    List<String> cips = day(aws, 62);
    Clock clock = Clock.fixed(RUN, ZoneOffset.UTC);
    Map<String, String> planner = environment(aws, "StatementFunction");
    planner.put("STATEMENT_SLICE_CIPS", "8");
    Map<String, String> worker = environment(aws, "StatementSliceFunction");
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(logs, true, StandardCharsets.UTF_8);
    TemplateTriggers triggers = TemplateTriggers.realise(aws.stack(), aws.clients());
    Map<String, LocalDispatcher.Handler> handlers = recordingHandlers(triggers);
    DailyStatementHandler plan = new DailyStatementHandler(StatementWiring.fromEnvironment(planner, clock), clock, log);
    handlers.put("StatementFunction", event -> call(plan::handleRequest, event));
    handlers.put("StatementSliceFunction", LocalDispatcher.environments(() -> {
      StatementSliceHandler slice = new StatementSliceHandler(StatementWiring.forSlices(worker, clock), clock, log);
      return event -> call(slice::handleRequest, event);
    }));
    LocalDispatcher dispatcher = new LocalDispatcher(triggers, handlers);
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips/search");

    List<LocalDispatcher.Invocation> calls = dispatcher.fire("StatementFunction", "DailyAtTwoLima");

    JsonNode planned = JSON.readTree(calls.get(0).answer());
    assertThat(planned.path("status").asText()).isEqualTo("SLICED");
    assertThat(planned.path("slices").asInt()).as("ceil(62 / 8) = 8, a whole number of waves of 2").isEqualTo(8);
    String runId = planned.path("runId").asText();
    List<LocalDispatcher.Invocation> slices = calls.stream().filter(c -> c.function().equals("StatementSliceFunction")).toList();
    Map<Integer, Integer> runsPerSlice = new TreeMap<>();
    List<Integer> failedSlices = new ArrayList<>();
    for (LocalDispatcher.Invocation c : slices) {
      int slice = JSON.readTree(JSON.readTree(c.event()).at("/Records/0/body").asText()).path("slice").asInt();
      runsPerSlice.merge(slice, 1, Integer::sum);
      if (!JSON.readTree(c.answer()).path("batchItemFailures").isEmpty()) {
        failedSlices.add(slice);
      }
    }
    assertThat(failedSlices).as("the one injected 503 fails exactly one slice; failures logged: %s", logs.toString(StandardCharsets.UTF_8)
        .lines().filter(l -> l.contains("failed")).limit(3).toList()).hasSize(1);
    int failed = failedSlices.get(0);
    assertThat(runsPerSlice).hasSize(8);
    runsPerSlice.forEach((slice, runs) -> assertThat(runs).as("slice " + slice).isEqualTo(slice == failed ? 2 : 1));
    Map<String, Integer> searched = searchedCips();
    List<String> failedCips = new S3SliceStoreView(aws).cips(runId, failed);
    for (String cip : cips) {
      assertThat(searched.get(cip)).as("searches of " + cip).isEqualTo(failedCips.contains(cip) ? 2 : 1);
    }
    List<JsonNode> lines = logs.toString(StandardCharsets.UTF_8).lines().map(StatementSlicesIT::json).toList();
    List<JsonNode> outcomes = lines.stream().filter(l -> l.path("event").asText().equals("statement_outcome")).toList();
    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.path("status").asText()).isEqualTo("PUBLISHED");
      assertThat(o.path("queried").asInt()).isEqualTo(62);
    });
    assertThat(lines.get(lines.size() - 1)).as("published by the last slice to complete, after every other")
        .isEqualTo(outcomes.get(0));
    assertThat(versions(aws, PREFIX + "manifest.json")).as("the manifest is written once").hasSize(1);
    assertThat(calls.stream().filter(c -> c.function().equals("ReconcileFunction")))
        .as("the manifest's rule started reconciliation once, after the slices").singleElement()
        .satisfies(c -> assertThat(calls.indexOf(c)).isEqualTo(calls.size() - 1));
    assertThat(dispatcher.givenUp()).isEmpty();
    String slicedCsv = object(aws, PREFIX + "statement.csv");
    String slicedManifest = object(aws, PREFIX + "manifest.json");

    planner.put("STATEMENT_SLICE_CIPS", "1000");
    DailyStatementHandler single = new DailyStatementHandler(StatementWiring.fromEnvironment(planner, clock), clock, log);
    JsonNode once = JSON.readTree(call(single::handleRequest, "{\"businessDate\":\"2024-01-15\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(once.path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(versions(aws, PREFIX + "manifest.json")).hasSize(2);
    assertThat(object(aws, PREFIX + "statement.csv")).isEqualTo(slicedCsv);
    assertThat(object(aws, PREFIX + "manifest.json")).isEqualTo(slicedManifest);
    assertThat(slicedCsv.lines().count()).as("header + the 60 CIPs PagoEfectivo knows").isEqualTo(61);
    assertThat(JSON.readTree(slicedManifest).path("notFound")).hasSize(2);
  }

  /** {@code n} CIPs of the day: n - 2 issued at the simulator (a quarter paid), 2 it does not know. */
  private List<String> day(AwsTestEnvironment aws, int n) {
    OffsetDateTime expiry = OffsetDateTime.parse("2024-01-17T10:00:00-05:00");
    List<String> cips = new ArrayList<>();
    List<WriteRequest> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String cip = i < n - 2
          ? Long.toString(sim.createCip("ORD-" + i, "PEN", new BigDecimal((i % 70 + 1) + ".50"), expiry).cip())
          : Long.toString(99_000_000L + i);
      if (i < n - 2 && i % 4 == 0) {
        sim.pay(Long.parseLong(cip));
      }
      cips.add(cip);
      items.add(WriteRequest.builder().putRequest(p -> p.item(PaymentItems.dayItem(new PaymentFact(cip, PaymentEvent.CREATED, "api:CREATED",
          Source.API, T0, DAY, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(expiry), Optional.empty(),
          Optional.empty(), Optional.empty()), RUN.getEpochSecond() + 86_400))).build());
    }
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25));
      aws.clients().dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(aws.ref("PaymentsTable"), batch)));
    }
    return cips;
  }

  /** The template's environment of a function, against the simulator; a failed search is not retried within the call. */
  private Map<String, String> environment(AwsTestEnvironment aws, String function) {
    Map<String, String> env = new HashMap<>(aws.functionEnvironment(function));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put("PAGOEFECTIVO_RETRY_ATTEMPTS", "1");
    return env;
  }

  /** How often each CIP was asked for in {@code cips/search} bodies ({@code {"data":[{"cip":n},...]}}). */
  private Map<String, Integer> searchedCips() throws Exception {
    Map<String, Integer> out = new HashMap<>();
    for (var c : sim.apiCalls()) {
      if (c.path().equals("/v1/cips/search")) {
        for (JsonNode d : JSON.readTree(c.body()).path("data")) {
          out.merge(d.path("cip").asText(), 1, Integer::sum);
        }
      }
    }
    return out;
  }

  private static Map<String, LocalDispatcher.Handler> recordingHandlers(TemplateTriggers triggers) {
    Map<String, LocalDispatcher.Handler> handlers = new HashMap<>();
    triggers.standInQueues().keySet().forEach(f -> handlers.put(f, event -> "{}".getBytes(StandardCharsets.UTF_8)));
    triggers.queueSources().forEach(q -> handlers.put(q.function(), event -> "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8)));
    return handlers;
  }

  private interface StreamHandler {
    void handle(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException;
  }

  private static byte[] call(StreamHandler handler, byte[] event) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handle(new ByteArrayInputStream(event), out, null);
    return out.toByteArray();
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not a JSON log line: " + line, e);
    }
  }

  private static List<ObjectVersion> versions(AwsTestEnvironment aws, String key) {
    return aws.clients().s3().listObjectVersions(l -> l.bucket(aws.ref("DataBucket")).prefix(key)).versions();
  }

  private static String object(AwsTestEnvironment aws, String key) {
    return aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key(key)).asString(StandardCharsets.UTF_8);
  }

  /** A slice's CIPs as the planner stored them. */
  private record S3SliceStoreView(AwsTestEnvironment aws) {
    List<String> cips(String runId, int slice) {
      return new S3SliceStore(aws.clients().s3(), aws.ref("DataBucket"), "sandbox").sliceCips(DAY, runId, slice);
    }
  }
}
