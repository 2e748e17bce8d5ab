package io.pagorecon.bench.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.Source;
import io.pagorecon.devstack.DevStack;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.triggers.LocalDispatcher;
import io.pagorecon.devstack.triggers.TemplateTriggers;
import io.pagorecon.functions.statement.DailyStatementHandler;
import io.pagorecon.functions.statement.StatementSliceHandler;
import io.pagorecon.functions.statement.internal.StatementWiring;
import io.pagorecon.simulator.ApiCall;
import io.pagorecon.simulator.ApiFault;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code bench statement-slices}: a day of {@code --cips} CIPs on the local stack (moto provisioned
 * from template.yaml, the template's triggers realised, the simulator answering every search after
 * {@code --latency-ms}). StatementFunction's schedule fires; the day is planned into slices of
 * {@code --slice-cips}, run by StatementSliceFunction through the template's queue at its
 * MaximumConcurrency, each at that share of {@code --rate}. Measured: search calls a second over
 * the sliced build against the allowed rate (goal ≥ 90 %), the busiest second, each slice's time.
 * Then the baseline in the same run: the same day built at once at the whole rate; the two
 * statements (CSV and manifest) must be byte-identical, else the bench fails (exit 1).
 */
@Command(name = "statement-slices", mixinStandardHelpOptions = true,
    description = "A day's statement built in slices on the local stack vs built at once: aggregate rate vs the allowed one, identical bytes.")
public final class StatementSlicesBench implements Callable<Integer> {

  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Instant RUN = Instant.parse("2024-01-16T07:00:00Z");
  static final String PREFIX = "statements/sandbox/2024/01/15/";
  static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--cips", defaultValue = "200000", description = "CIPs of the day (default: ${DEFAULT-VALUE}).")
  int cips;

  @Option(names = "--slice-cips", defaultValue = "25000", description = "STATEMENT_SLICE_CIPS (default: ${DEFAULT-VALUE}).")
  int sliceCips;

  @Option(names = "--rate", defaultValue = "200", description = "Allowed search calls a second, PAGOEFECTIVO_RATE_PER_SECOND (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--max-concurrency", defaultValue = "8", description = "PAGOEFECTIVO_MAX_CONCURRENCY of one build (default: ${DEFAULT-VALUE}).")
  int maxConcurrency;

  @Option(names = "--latency-ms", defaultValue = "20", description = "Injected delay per search call (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--skip-single", description = "Do not build the day at once afterwards (no identity check).")
  boolean skipSingle;

  @Option(names = "--aws-timeout-s", defaultValue = "600", description = "The functions' AWS call and read timeout in this bench "
      + "(the deployed functions keep 15 s; moto answers a 1 MB page of a large partition slowly) (default: ${DEFAULT-VALUE}).")
  long awsTimeoutSeconds;

  @Option(names = "--seed-threads", defaultValue = "4", description = "BatchWriteItem calls in flight while seeding moto (default: ${DEFAULT-VALUE}).")
  int seedThreads;

  @Override
  public Integer call() throws Exception {
    StackTemplate template = StackTemplate.locate();
    // the functions' AWS clients use the default credentials chain: moto's dummy keys
    System.setProperty("aws.accessKeyId", io.pagorecon.devstack.LocalClients.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", io.pagorecon.devstack.LocalClients.SECRET_KEY);
    String secret = "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}";
    // PagoEfectivo's clock and the clients' run from the morning after the day (signed request dates
    // must agree); the handlers' "now" stays at RUN, so both builds publish as of the same instant
    Clock running = Clock.offset(Clock.systemUTC(), java.time.Duration.between(Instant.now(), RUN));
    SimulatorConfig simConfig = SimulatorConfig.builder().slowResponseDelay(java.time.Duration.ofMillis(latencyMs))
        .clock(io.pagorecon.simulator.SimClock.running(running)).build();
    try (DevStack stack = DevStack.start(template, "sandbox", Map.of("PagoEfectivoSecret", secret, "DingTalkSecret", "{}"),
            Files.createTempDirectory("pagorecon-slices"));
        PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(simConfig)) {
      long t0 = System.nanoTime();
      List<String> issued = issue(sim);
      long simMs = ms(t0);
      long t1 = System.nanoTime();
      seedDayItems(stack, issued);
      System.out.printf(Locale.ROOT, "seeded cips=%d in %d ms: simulator %d ms, DAY items in moto %d ms (%d BatchWriteItem in flight)%n",
          cips, ms(t0), simMs, ms(t1), seedThreads);
      Clock clock = Clock.fixed(RUN, ZoneOffset.UTC);
      Map<String, String> planner = environment(stack, sim, "StatementFunction");
      planner.put("STATEMENT_SLICE_CIPS", Integer.toString(sliceCips));
      Map<String, String> worker = environment(stack, sim, "StatementSliceFunction");
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      PrintStream quiet = new PrintStream(logs, true, StandardCharsets.UTF_8);
      TemplateTriggers triggers = TemplateTriggers.realise(stack.stack(), stack.clients());
      int concurrency = triggers.queueSources().stream().filter(q -> q.function().equals("StatementSliceFunction")).findFirst()
          .orElseThrow().maximumConcurrency();
      Map<String, LocalDispatcher.Handler> handlers = new HashMap<>();
      triggers.standInQueues().keySet().forEach(f -> handlers.put(f, event -> "{}".getBytes(StandardCharsets.UTF_8)));
      triggers.queueSources().forEach(q -> handlers.put(q.function(), event -> "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8)));
      AwsClients.Timeouts patient = AwsClients.Timeouts.patient(java.time.Duration.ofSeconds(awsTimeoutSeconds));
      DailyStatementHandler plan = new DailyStatementHandler(
          StatementWiring.fromEnvironment(planner, running, AwsClients.fromEnvironment(planner, patient)), clock, quiet);
      handlers.put("StatementFunction", event -> call(plan, event));
      List<long[]> sliceTimes = Collections.synchronizedList(new ArrayList<>());
      List<Instant[]> sliceSpans = Collections.synchronizedList(new ArrayList<>());
      LocalDispatcher.Handler slices = LocalDispatcher.environments(() -> {
        StatementSliceHandler slice = new StatementSliceHandler(
            StatementWiring.forSlices(worker, running, AwsClients.fromEnvironment(worker, patient)), clock, quiet);
        return event -> {
          long start = System.nanoTime();
          Instant at = running.instant();
          try {
            return call(slice, event);
          } finally {
            sliceTimes.add(new long[] {start, System.nanoTime()});
            sliceSpans.add(new Instant[] {at, running.instant()});
          }
        };
      });
      handlers.put("StatementSliceFunction", slices);
      LocalDispatcher dispatcher = new LocalDispatcher(triggers, handlers);
      warmUp(sim, worker, running);
      sim.injectFault(ApiFault.SLOW, Integer.MAX_VALUE, "/v1/cips/search");
      sim.resetApiLog();

      long start = System.nanoTime();
      List<LocalDispatcher.Invocation> calls = dispatcher.fire("StatementFunction", "DailyAtTwoLima");
      long slicedMs = ms(start);
      List<LocalDispatcher.Invocation> failed = calls.stream().filter(c -> c.failed() || c.answer().contains("itemIdentifier")).toList();
      if (!failed.isEmpty() || calls.stream().noneMatch(c -> c.function().equals("ReconcileFunction"))) {
        System.out.println("sliced build did not publish: " + logs.toString(StandardCharsets.UTF_8).lines()
            .filter(l -> l.contains("failed")).limit(3).toList() + " calls: " + calls.stream()
            .map(c -> c.function() + " " + (c.error().isEmpty() ? c.answer() : c.error())).limit(5).toList());
        return 1;
      }
      JsonNode planned = JSON.readTree(calls.get(0).answer());
      List<ApiCall> searches = sim.apiCalls().stream().filter(c -> c.path().equals("/v1/cips/search")).toList();
      long firstSlice = sliceTimes.stream().mapToLong(t -> t[0]).min().orElse(start);
      long lastSlice = sliceTimes.stream().mapToLong(t -> t[1]).max().orElse(start);
      double slicedSeconds = (lastSlice - firstSlice) / 1e9;
      double perSecond = searches.size() / slicedSeconds;
      List<Long> perSlice = sliceTimes.stream().map(t -> (t[1] - t[0]) / 1_000_000).sorted().toList();
      System.out.printf(Locale.ROOT, "sliced: planner %d ms, %d slices (%d at once, %.1f calls/s each), slice ms min=%d median=%d max=%d%n",
          (firstSlice - start) / 1_000_000, planned.path("slices").asInt(), concurrency, rate / concurrency,
          perSlice.get(0), perSlice.get(perSlice.size() / 2), perSlice.get(perSlice.size() - 1));
      String slicedCsv = object(stack, PREFIX + "statement.csv");
      String slicedManifest = object(stack, PREFIX + "manifest.json");
      String line = String.format(Locale.ROOT, "statement-slices cips=%d slices=%d concurrency=%d calls=%d slices_ms=%d whole_ms=%d calls_per_s=%.1f "
          + "allowed_per_s=%.1f efficiency=%.2f busiest_second=%d", cips, planned.path("slices").asInt(), concurrency, searches.size(),
          Math.round(slicedSeconds * 1000), slicedMs, perSecond, rate, perSecond / rate, busiestSecond(searches));
      System.out.println(line);
      System.out.println(breakdown(searches, sliceSpans));
      if (skipSingle) {
        return 0;
      }
      sim.resetApiLog();
      planner.put("STATEMENT_SLICE_CIPS", Integer.toString(cips));
      DailyStatementHandler single = new DailyStatementHandler(
          StatementWiring.fromEnvironment(planner, running, AwsClients.fromEnvironment(planner, patient)), clock, quiet);
      long singleStart = System.nanoTime();
      JsonNode once = JSON.readTree(call(single, "{\"businessDate\":\"2024-01-15\"}".getBytes(StandardCharsets.UTF_8)));
      long singleMs = ms(singleStart);
      List<ApiCall> singleSearches = sim.apiCalls().stream().filter(c -> c.path().equals("/v1/cips/search")).toList();
      long singleCalls = singleSearches.size();
      double singleWindow = singleSearches.isEmpty() ? 0 : java.time.Duration.between(singleSearches.get(0).at(),
          singleSearches.get(singleSearches.size() - 1).at()).toMillis() / 1000.0;
      boolean identical = object(stack, PREFIX + "statement.csv").equals(slicedCsv) && object(stack, PREFIX + "manifest.json").equals(slicedManifest);
      System.out.printf(Locale.ROOT, "single build: %s in %d ms (listing the day included); %d calls, first to last search %.1f s = %.1f calls/s "
          + "(efficiency %.2f), busiest second %d%n", once.path("status").asText(), singleMs, singleCalls, singleWindow,
          singleCalls / singleWindow, singleCalls / singleWindow / rate, busiestSecond(singleSearches));
      System.out.println("statement-slices identical=" + identical + " csv_bytes=" + slicedCsv.getBytes(StandardCharsets.UTF_8).length
          + " manifest_bytes=" + slicedManifest.getBytes(StandardCharsets.UTF_8).length);
      return identical ? 0 : 1;
    }
  }

  /** {@code cips} CIPs issued at the simulator (a quarter paid), in order. */
  private List<String> issue(PagoEfectivoSimulator sim) {
    OffsetDateTime expiry = OffsetDateTime.parse("2030-01-01T00:00:00-05:00");
    List<String> issued = new ArrayList<>(cips);
    for (int i = 0; i < cips; i++) {
      String cip = Long.toString(sim.createCip("ORD-S" + i, "PEN", new BigDecimal((i % 700 + 1) + "." + String.format("%02d", i % 100)), expiry).cip());
      if (i % 4 == 0) {
        sim.pay(Long.parseLong(cip));
      }
      issued.add(cip);
    }
    return issued;
  }

  /**
   * The CIPs' DAY items in moto, 25 per BatchWriteItem, {@code --seed-threads} calls in flight
   * (moto answers each call in tens of milliseconds; one at a time, 200,000 items took minutes).
   */
  private void seedDayItems(DevStack stack, List<String> issued) throws InterruptedException {
    OffsetDateTime expiry = OffsetDateTime.parse("2030-01-01T00:00:00-05:00");
    String table = stack.stack().ref("PaymentsTable");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, seedThreads));
    try {
      List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
      for (int from = 0; from < issued.size(); from += 25) {
        List<WriteRequest> items = issued.subList(from, Math.min(issued.size(), from + 25)).stream()
            .map(cip -> WriteRequest.builder().putRequest(p -> p.item(PaymentItems.dayItem(new PaymentFact(cip, PaymentEvent.CREATED,
                "api:CREATED", Source.API, RUN.minusSeconds(50_000), DAY, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(expiry), Optional.empty(), Optional.empty(), Optional.empty()), RUN.getEpochSecond() + 86_400))).build())
            .toList();
        writes.add(pool.submit(() -> {
          Map<String, List<WriteRequest>> pending = Map.of(table, items);
          while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = stack.clients().dynamoDb().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
          }
        }));
      }
      for (java.util.concurrent.Future<?> write : writes) {
        try {
          write.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("seeding the DAY items failed", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Where the sliced build's span went besides searching: before the first search (the first
   * slices' plan and CIP reads, client and token set-up), after the last search (the last parts'
   * writes, the count, the assembly), and the pauses of more than 250 ms between searches (a wave
   * ending and the next starting).
   */
  static String breakdown(List<ApiCall> searches, List<Instant[]> sliceSpans) {
    List<Instant> at = searches.stream().map(ApiCall::at).sorted().toList();
    if (at.isEmpty() || sliceSpans.isEmpty()) {
      return "breakdown: no searches";
    }
    Instant first = sliceSpans.stream().map(s -> s[0]).min(Instant::compareTo).orElseThrow();
    Instant last = sliceSpans.stream().map(s -> s[1]).max(Instant::compareTo).orElseThrow();
    long pauses = 0;
    int count = 0;
    for (int i = 1; i < at.size(); i++) {
      long gap = at.get(i).toEpochMilli() - at.get(i - 1).toEpochMilli();
      if (gap > 250) {
        pauses += gap;
        count++;
      }
    }
    long searching = at.get(at.size() - 1).toEpochMilli() - at.get(0).toEpochMilli() - pauses;
    return String.format(Locale.ROOT, "breakdown_ms span=%d before_first_search=%d searching=%d pauses=%d (%d pauses over 250 ms) "
        + "after_last_search=%d", last.toEpochMilli() - first.toEpochMilli(), at.get(0).toEpochMilli() - first.toEpochMilli(), searching,
        pauses, count, last.toEpochMilli() - at.get(at.size() - 1).toEpochMilli());
  }

  private Map<String, String> environment(DevStack stack, PagoEfectivoSimulator sim, String function) {
    Map<String, String> env = new HashMap<>(stack.functionEnvironment(function));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put("PAGOEFECTIVO_RATE_PER_SECOND", Long.toString(Math.round(rate)));
    env.put("PAGOEFECTIVO_MAX_CONCURRENCY", Integer.toString(maxConcurrency));
    return env;
  }

  /** JIT of the client and the simulator before anything is timed (not counted). */
  private static void warmUp(PagoEfectivoSimulator sim, Map<String, String> worker, Clock clock) {
    io.pagorecon.pagoefectivo.PagoEfectivoConfig config = io.pagorecon.pagoefectivo.PagoEfectivoConfig.of(java.net.URI.create(sim.baseUrl()),
        new io.pagorecon.pagoefectivo.PagoEfectivoCredentials("ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "1035")).withConcurrency(4, 0);
    try (io.pagorecon.pagoefectivo.PagoEfectivoClient client = new io.pagorecon.pagoefectivo.PagoEfectivoClient(config, clock)) {
      client.search(sim.cips().stream().limit(500).map(v -> Long.toString(v.cip())).toList());
    }
  }

  /** Most search calls that started within any one second. */
  static int busiestSecond(List<ApiCall> calls) {
    List<Instant> at = calls.stream().map(ApiCall::at).sorted().toList();
    int best = 0;
    int from = 0;
    for (int to = 0; to < at.size(); to++) {
      while (at.get(to).toEpochMilli() - at.get(from).toEpochMilli() >= 1000) {
        from++;
      }
      best = Math.max(best, to - from + 1);
    }
    return best;
  }

  private static byte[] call(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return out.toByteArray();
  }

  private static String object(DevStack stack, String key) {
    return stack.clients().s3().getObjectAsBytes(g -> g.bucket(stack.stack().ref("DataBucket")).key(key)).asString(StandardCharsets.UTF_8);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
