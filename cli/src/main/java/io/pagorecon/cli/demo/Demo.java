package io.pagorecon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.cli.internal.Progress;
import io.pagorecon.cli.internal.TemplateRoutes;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.statement.StatementCsv;
import io.pagorecon.core.statement.StatementRow;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.DevStack;
import io.pagorecon.devstack.ExampleSecrets;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.dingtalk.DingTalkRobotStandIn;
import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.devstack.triggers.LocalDispatcher;
import io.pagorecon.devstack.triggers.TemplateTriggers;
import io.pagorecon.pagoefectivo.PagoEfectivoClient;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioFiles;
import io.pagorecon.simulator.scenario.ScenarioPlayer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The main job on a laptop: moto provisioned from template.yaml, the PagoEfectivo simulator, the
 * real WebhookFunction and payments API behind a local HTTP endpoint, a generated business day
 * played over real HTTP on the simulator's clock, then the template's triggers: Sync's and
 * Statement's schedules fire, the manifest's landing starts Reconcile through the template's rule,
 * the alert goes topic → email inbox and topic → queue → DingTalkFunction → the robot stand-in
 * (real handlers wired from their template environment, PagoEfectivo pointed at the simulator),
 * and the findings are checked against the scenario's ground truth. Every resource name comes
 * from the provisioned template.
 */
public final class Demo {

  /** What to run. */
  public record Options(int orders, long seed, LocalDate businessDate, Path out, StackTemplate template) {}

  /** What happened: the reconciliation and its comparison with the ground truth. */
  public record Outcome(List<GroundTruth.Row> found, GroundTruth.Comparison comparison, Path reports, List<String> reportKeys) {}

  // The documentation's example credentials: the simulator and the stack's secret share them.
  public static final String ACCESS_KEY = ExampleSecrets.ACCESS_KEY;
  public static final String SECRET_KEY = ExampleSecrets.SECRET_KEY;
  public static final String ID_SERVICE = ExampleSecrets.ID_SERVICE;
  static final String SANDBOX_SECRET_KEY = ExampleSecrets.SANDBOX_SECRET_KEY;
  /** Production, so a sandbox-signed notification is rejected as the design requires. */
  public static final String STAGE = "production";
  static final ZoneId LIMA = BusinessCalendar.LIMA;
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int STEPS = 10;

  private final PrintWriter out;
  private final Progress progress;

  public Demo(PrintWriter out, boolean terminal) {
    this.out = out;
    this.progress = new Progress(out, terminal, STEPS);
  }

  public Outcome run(Options o) throws Exception {
    Path logs = Files.createDirectories(o.out().resolve("logs"));
    // Local AWS clients use the default credentials chain: dummy keys, never a real account's.
    System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
    PrintStream stdout = System.out;
    // The handlers log one JSON line per request to standard output, as to CloudWatch: to a file here.
    try (PrintStream functionLogs = new PrintStream(Files.newOutputStream(logs.resolve("functions.log")), true, StandardCharsets.UTF_8)) {
      System.setOut(functionLogs);
      return runStack(o, logs);
    } finally {
      System.setOut(stdout);
    }
  }

  private Outcome runStack(Options o, Path logs) throws Exception {
    LocalDate day = o.businessDate();
    Instant t0 = Instant.now();
    progress.step("Local AWS: moto server, resources created from " + o.template().path().getFileName());
    // DingTalk checks a robot message's timestamp against its own clock: the stand-in keeps real time.
    try (DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("demo", ExampleSecrets.DINGTALK_SECRET, java.time.Clock.systemUTC());
        DevStack stack = DevStack.start(o.template(), STAGE, exampleSecrets(robot.webhookUrl()), logs)) {
      progress.info("moto " + stack.moto().endpoint() + ", " + stack.stack().resources().size() + " resources, stage " + STAGE);
      String inbox = subscribeInbox(stack);

      progress.step("PagoEfectivo simulator and the functions behind a local HTTP API");
      SimClock clock = SimClock.frozenAt(day.minusDays(2).atStartOfDay(LIMA).toInstant());
      int apiPort = freePort();
      try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
              .clock(clock)
              .credentials(ACCESS_KEY, SECRET_KEY, ID_SERVICE)
              .maxAmount(new BigDecimal("100000000"))
              .webhookUrl("http://127.0.0.1:" + apiPort + "/webhooks/pagoefectivo")
              .build());
          LocalHttpApi api = httpApi(stack, o.template(), clock, sim, apiPort)) {
        progress.info("simulator " + sim.baseUrl() + " → webhooks " + api.baseUri() + "/webhooks/pagoefectivo");

        progress.step("A business day of " + o.orders() + " orders (seed " + o.seed() + ", " + day + " America/Lima)");
        ScenarioConfig config = ScenarioConfig.of(o.seed(), o.orders(), day);
        Path scenarioDir = o.out().resolve("scenario");
        ScenarioFiles.Summary planned = ScenarioFiles.write(config, scenarioDir);
        progress.info("planned: " + planned.statementRows() + " CIPs, ground truth " + planned.findings());

        progress.step("Playing the day through the simulator: CIPs over /v1, webhooks over HTTP to WebhookFunction");
        ScenarioPlayer.Result played = play(sim, config, planned.statementRows());
        progress.info(sim.webhooks().size() + " webhook deliveries; " + played.refused().size() + " creates refused");
        // The scheduled jobs run once the business day is over (02:00 Lima the next day at the earliest).
        Instant jobsAt = day.plusDays(1).atStartOfDay(LIMA).plusHours(2).toInstant();
        if (clock.instant().isBefore(jobsAt)) {
          sim.setClock(jobsAt);
        }
        progress.info("simulated time now " + clock.instant().atZone(LIMA).toOffsetDateTime());

        progress.step("The seller's orders export and PagoEfectivo's portal export land in S3");
        S3Client s3 = stack.clients().s3();
        String bucket = stack.stack().ref("DataBucket");
        String datePath = day.toString().replace('-', '/');
        Map<Long, Long> cips = played.cips();
        byte[] orders = Rewrite.cipColumn(Files.readAllBytes(scenarioDir.resolve(ScenarioFiles.ORDERS)), 1, cips);
        byte[] truth = Rewrite.cipColumn(Files.readAllBytes(scenarioDir.resolve(ScenarioFiles.GROUND_TRUTH)), 2, cips);
        Files.write(o.out().resolve("orders.csv"), orders);
        Files.write(o.out().resolve("ground-truth.csv"), truth);
        String ordersKey = "orders/" + STAGE + "/" + datePath + "/orders.csv";
        put(s3, bucket, ordersKey, orders);
        progress.info("s3://" + bucket + "/" + ordersKey);
        // CIPs the shop issued outside pagorecon and whose webhooks were lost are known only from
        // the portal's export, which the statement merges (docs/data-model.md inbox/portal/).
        byte[] portal = portalExport(sim, clock, cips.values());
        String portalKey = "inbox/portal/pagoefectivo-portal-" + day + ".csv";
        put(s3, bucket, portalKey, portal);
        progress.info("s3://" + bucket + "/" + portalKey);

        // The day's late payments (paid before midnight, in yesterday's statement) need yesterday's
        // statement. Its schedule produced it that day, before this run: it is made here (on demand,
        // as ./pagorecon backfill) before the template's triggers go live. With the triggers live its
        // manifest would start the reconciliation of yesterday, a day the demo has no orders export
        // of (it plays one day), and alert a missing input that production would not have.
        progress.step("StatementFunction for " + day.minusDays(1) + " (on demand, as ./pagorecon backfill; its schedule ran that day), then the template's triggers go live");
        String backfill = "{\"businessDate\":\"" + day.minusDays(1) + "\"}";
        LocalFunctions.Invocation yesterday = LocalFunctions.invocation("StatementFunction", demoEnvironment(stack, "StatementFunction", sim), clock)
            .orElseThrow(() -> new IllegalStateException("StatementFunction is not hosted locally"));
        progress.info("StatementFunction " + backfill + " → "
            + new String(yesterday.invoke(backfill.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        TemplateTriggers triggers = TemplateTriggers.realise(stack.stack(), stack.clients());
        progress.info("triggers from the template: rules " + triggers.rules() + "; schedules "
            + triggers.schedules().stream().map(TemplateTriggers.Schedule::name).toList() + "; queue → "
            + triggers.queueSources().stream().map(TemplateTriggers.QueueSource::function).toList()
            + "; DingTalk robot stand-in on 127.0.0.1");

        // From here on nothing is invoked by name: schedules fire, a landed manifest matches the
        // template's rule, alerts flow topic → queue → DingTalkFunction.
        Map<String, LocalDispatcher.Handler> handlers = handlers(stack, sim, clock, triggers);
        LocalDispatcher dispatcher = new LocalDispatcher(triggers, handlers);
        progress.step("SyncFunction: its schedule fires; open CIPs asked from PagoEfectivo, missed payments recovered");
        report(fireSchedule(dispatcher, triggers, "SyncFunction"));
        progress.step("StatementFunction: its daily schedule fires → statement of " + day + " → manifest → rule → ReconcileFunction → alerts → DingTalkFunction");
        List<LocalDispatcher.Invocation> daily = fireSchedule(dispatcher, triggers, "StatementFunction");
        report(daily);
        JsonNode reconciled = reconcileAnswer(daily, day);
        if (!dispatcher.givenUp().isEmpty()) {
          throw new IllegalStateException("a triggered call failed three times: " + dispatcher.givenUp());
        }
        SqsClient sqs = stack.clients().sqs();
        List<String> reportKeys = new ArrayList<>();
        String s3Prefix = "s3://" + bucket + "/";
        reconciled.path("reports").forEach(k -> reportKeys.add(k.asText().startsWith(s3Prefix) ? k.asText().substring(s3Prefix.length()) : k.asText()));
        Path reports = Files.createDirectories(o.out().resolve("reports"));
        byte[] csv = null;
        for (String key : reportKeys) {
          byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
          String name = key.substring(key.lastIndexOf('/') + 1);
          Files.write(reports.resolve(name), bytes);
          if (name.equals("discrepancies.csv")) {
            csv = bytes;
          }
        }
        if (csv == null) {
          throw new IllegalStateException("ReconcileFunction wrote no discrepancies.csv: " + reconciled);
        }
        Files.write(o.out().resolve("webhooks.jsonl"), Webhooks.export(stack, day, clock));
        List<GroundTruth.Row> found = Reports.rows(csv);
        printSummary(day, reconciled, found);
        evidenceAndJournal(o, csv, functionEnvironment(stack, "ReconcileFunction", sim), bucket);

        progress.step("Alerts as the email subscription and the DingTalk robot received them");
        List<Alert> alerts = receive(sqs, inbox);
        alerts.stream().filter(a -> a.subject().contains(day.toString())).findFirst().ifPresentOrElse(this::printEmail,
            () -> out.println("      (no reconciliation alert was published: nothing met the alert policy)"));
        printRobot(robot);

        GroundTruth.Comparison comparison = GroundTruth.compareRows(GroundTruth.read(new java.io.StringReader(
            new String(truth, StandardCharsets.UTF_8))), found);
        out.println();
        out.println("Reports:");
        reportKeys.forEach(k -> out.println("  s3://" + bucket + "/" + k));
        out.println("  " + reports.resolve("discrepancies.csv") + "  (open in Excel)");
        out.println("  " + reports.resolve("summary.json"));
        out.println("  inputs: " + o.out().resolve("orders.csv") + ", " + o.out().resolve("webhooks.jsonl")
            + "; function logs: " + logs.resolve("functions.log"));
        out.println();
        printComparison(comparison);
        out.println("Done in " + Progress.seconds(Duration.between(t0, Instant.now())) + ".");
        out.flush();
        return new Outcome(found, comparison, reports, reportKeys);
      }
    }
  }

  /**
   * The dispute pack of the day's largest critical discrepancy on record (evidence/), and every API call
   * journal object the run wrote (journal/), beside the reports.
   */
  private void evidenceAndJournal(Options o, byte[] csv, Map<String, String> env, String bucket) throws IOException {
    progress.step("Dispute pack of the largest critical discrepancy on record, and the API call journal");
    try (io.pagorecon.aws.AwsClients clients = io.pagorecon.aws.AwsClients.fromEnvironment(env)) {
      io.pagorecon.cli.evidence.EvidencePack pack = new io.pagorecon.cli.evidence.EvidencePack(new io.pagorecon.cli.evidence.EvidencePack.Source(
          clients, io.pagorecon.core.Stage.parse(STAGE).orElseThrow(), env.get("PAYMENTS_TABLE"), bucket,
          java.util.Optional.ofNullable(env.get("LEDGER_TABLE")), java.util.Optional.of(SECRET_KEY), java.util.Optional.empty()));
      // The largest critical discrepancy pagorecon holds a record of: a RECORDED_NOT_PAID order
      // whose CIP was never paid nor notified has nothing to put in a dispute pack.
      boolean packed = false;
      for (GroundTruth.Row worst : Reports.criticalByAmount(csv)) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        io.pagorecon.cli.evidence.EvidencePack.Result r;
        try {
          r = pack.write(worst.orderId().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(worst.orderId()),
              List.of(worst.cip()), bytes);
        } catch (IllegalArgumentException nothingRecorded) {
          continue;
        }
        Path zip = Files.createDirectories(o.out().resolve("evidence")).resolve("pack-" + worst.cip() + ".zip");
        Files.write(zip, bytes.toByteArray());
        progress.info(worst.category() + " " + worst.orderId() + " CIP " + worst.cip() + " → " + zip + " ("
            + r.notifications() + " notification(s), " + r.journalLines() + " journal line(s))");
        packed = true;
        break;
      }
      if (!packed) {
        progress.info("no critical discrepancy with a record to pack");
      }
      Path journal = Files.createDirectories(o.out().resolve("journal"));
      int n = 0;
      for (var obj : clients.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix("journal/")).contents()) {
        Path to = journal.resolve(obj.key().substring("journal/".length()));
        Path parent = to.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.write(to, clients.s3().getObjectAsBytes(g -> g.bucket(bucket).key(obj.key())).asByteArray());
        n++;
      }
      progress.info(n + " journal object(s) → " + journal);
    }
  }

  /** The stack's secrets with the documentation's example values (never real credentials); no robot listens. */
  public static Map<String, String> exampleSecrets() {
    return exampleSecrets("http://127.0.0.1:9/robot/send?access_token=demo");
  }

  /** The same, the DingTalk secret naming the robot at {@code robotUrl}. */
  static Map<String, String> exampleSecrets(String robotUrl) {
    Map<String, String> s = new HashMap<>();
    s.put("PagoEfectivoSecret", ExampleSecrets.pagoEfectivoSecretJson());
    s.put("DingTalkSecret", ExampleSecrets.dingTalkSecretJson(robotUrl));
    return s;
  }

  /** The real handler of every function a trigger of the template reaches, wired from its template environment. */
  private static Map<String, LocalDispatcher.Handler> handlers(DevStack stack, PagoEfectivoSimulator sim, java.time.Clock clock,
      TemplateTriggers triggers) {
    Set<String> functions = new TreeSet<>(triggers.standInQueues().keySet());
    triggers.queueSources().forEach(q -> functions.add(q.function()));
    Map<String, LocalDispatcher.Handler> handlers = new HashMap<>();
    for (String fn : functions) {
      LocalFunctions.Invocation invocation = LocalFunctions.invocation(fn, demoEnvironment(stack, fn, sim), clock)
          .orElseThrow(() -> new IllegalStateException(fn + " has a trigger in the template but is not hosted locally"));
      handlers.put(fn, invocation::invoke);
    }
    return handlers;
  }

  /** Fires the function's one schedule of the template and runs what follows. */
  private static List<LocalDispatcher.Invocation> fireSchedule(LocalDispatcher dispatcher, TemplateTriggers triggers, String function) {
    List<TemplateTriggers.Schedule> schedules = triggers.schedules().stream().filter(s -> s.function().equals(function)).toList();
    if (schedules.size() != 1) {
      throw new IllegalStateException(function + " has " + schedules.size() + " schedules in the template, expected one");
    }
    return dispatcher.fire(function, schedules.get(0).event());
  }

  /** ReconcileFunction's answer for {@code day} among the calls a statement started. */
  private static JsonNode reconcileAnswer(List<LocalDispatcher.Invocation> calls, LocalDate day) throws IOException {
    for (LocalDispatcher.Invocation call : calls) {
      if (call.function().equals("ReconcileFunction") && !call.failed()) {
        JsonNode answer = JSON.readTree(call.answer());
        if (answer.path("businessDate").asText().equals(day.toString())) {
          return answer;
        }
      }
    }
    throw new IllegalStateException("the statement of " + day + " did not start ReconcileFunction through the rule: " + calls);
  }

  /** One line per call the triggers made: which function, from which trigger, and what it answered. */
  private void report(List<LocalDispatcher.Invocation> calls) throws IOException {
    for (LocalDispatcher.Invocation call : calls) {
      JsonNode event = JSON.readTree(call.event());
      String trigger = call.source().startsWith("sqs:") ? "queue, " + event.path("Records").size() + " record(s)"
          : event.has("detail-type") ? "rule: " + event.path("detail").path("object").path("key").asText()
          : "schedule: " + call.event();
      progress.info(call.function() + " (" + trigger + ") → " + (call.failed() ? "FAILED " + call.error() : call.answer().strip()));
    }
  }

  /** What the DingTalk robot stand-in took (it verified each message's timestamp and signature first). */
  private void printRobot(DingTalkRobotStandIn robot) {
    List<DingTalkRobotStandIn.Received> received = robot.received();
    out.println();
    out.println("---- DingTalk robot stand-in received " + received.size() + " message(s); answers "
        + robot.answers().stream().map(a -> String.valueOf(a.errcode())).toList() + " (0: signature and timestamp verified) ----");
    for (DingTalkRobotStandIn.Received m : received) {
      out.println("title: " + m.title());
      out.println(m.text().strip());
      out.println("-----------------------------------------------------------------------");
    }
  }

  /** {@code logicalId}'s template environment, pointed at the simulator instead of PagoEfectivo. */
  public static Map<String, String> functionEnvironment(DevStack stack, String logicalId, PagoEfectivoSimulator sim) {
    Map<String, String> env = new HashMap<>(stack.functionEnvironment(logicalId));
    if (sim != null) {
      env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
      env.put("PAGOEFECTIVO_RATE_PER_SECOND", "0"); // the simulator has no rate limit to respect
    }
    return env;
  }

  /**
   * The environment of a function in the demo. The scenario's shop issues its CIPs straight at the
   * simulator, not through POST /payments: pagorecon knows no order live, so every payment would
   * look orphaned until the daily run judges it against the export.
   */
  static Map<String, String> demoEnvironment(DevStack stack, String logicalId, PagoEfectivoSimulator sim) {
    Map<String, String> env = functionEnvironment(stack, logicalId, sim);
    env.put("LIVE_ORPHAN_ALERTS", "false");
    return env;
  }

  /** A queue subscribed to the alerts topic: what an email subscription receives, readable here. */
  private static String subscribeInbox(DevStack stack) {
    SqsClient sqs = stack.clients().sqs();
    String queueUrl = sqs.createQueue(b -> b.queueName("demo-email-inbox")).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    stack.clients().sns().subscribe(b -> b.topicArn(stack.stack().ref("AlertsTopic")).protocol("sqs").endpoint(queueArn));
    return queueUrl;
  }

  /** Every alert delivered to the inbox queue so far (SNS envelopes). */
  private static List<Alert> receive(SqsClient sqs, String queueUrl) throws IOException {
    List<Alert> alerts = new ArrayList<>();
    while (true) {
      List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(alerts.isEmpty() ? 5 : 1).maxNumberOfMessages(10))
          .messages();
      if (batch.isEmpty()) {
        return alerts;
      }
      for (Message m : batch) {
        JsonNode envelope = JSON.readTree(m.body());
        JsonNode attributes = envelope.path("MessageAttributes");
        alerts.add(new Alert(envelope.path("Subject").asText(""), envelope.path("Message").asText(),
            Alert.Severity.parse(attributes.path("severity").path("Value").asText(null)),
            attributes.path("stage").path("Value").asText(STAGE)));
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
  }

  private void printSummary(LocalDate day, JsonNode answer, List<GroundTruth.Row> found) {
    out.println();
    out.println("Reconciliation of " + day + " (America/Lima): matched " + answer.path("matched").asLong() + ", discrepancies "
        + found.size() + "; ledger: " + answer.path("opened").asInt() + " opened, " + answer.path("reopened").asInt()
        + " reopened, " + answer.path("autoResolved").asInt() + " auto-resolved");
    Map<String, Long> byCategory = new java.util.TreeMap<>();
    found.forEach(r -> byCategory.merge(r.category(), 1L, Long::sum));
    for (Category c : Category.values()) {
      Long n = byCategory.get(c.name());
      if (n != null) {
        out.printf("  %-22s %-8s %4d%n", c.name(), c.severity().wire(), n);
      }
    }
    out.println();
  }

  /** Every HTTP route of the template whose function is hosted locally, wired from its template environment. */
  static LocalHttpApi httpApi(DevStack stack, StackTemplate template, java.time.Clock clock, PagoEfectivoSimulator sim, int port)
      throws IOException {
    LocalHttpApi.Builder b = LocalHttpApi.builder().port(port);
    for (Map.Entry<String, String> r : TemplateRoutes.of(template).entrySet()) {
      LocalFunctions.route(r.getValue(), demoEnvironment(stack, r.getValue(), sim), clock).ifPresent(route -> b.route(r.getKey(), route));
    }
    return b.start();
  }

  public static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private ScenarioPlayer.Result play(PagoEfectivoSimulator sim, ScenarioConfig config, long plannedCips) throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "demo-player");
      t.setDaemon(true);
      return t;
    });
    try {
      Instant start = Instant.now();
      Future<ScenarioPlayer.Result> f = one.submit(() -> new ScenarioPlayer(sim, SANDBOX_SECRET_KEY).play(config));
      Progress.Bar bar = progress.bar("CIPs played", plannedCips);
      while (true) {
        try {
          ScenarioPlayer.Result r = f.get(250, TimeUnit.MILLISECONDS);
          bar.finish(sim.cips().size(), Duration.between(start, Instant.now()));
          return r;
        } catch (java.util.concurrent.TimeoutException stillPlaying) {
          bar.update(sim.cips().size());
        }
      }
    } finally {
      one.shutdownNow();
    }
  }

  /** What the merchant downloads from PagoEfectivo's portal: every CIP of the service, in the statement's columns. */
  private byte[] portalExport(PagoEfectivoSimulator sim, java.time.Clock clock, java.util.Collection<Long> cips) {
    PagoEfectivoConfig config = PagoEfectivoConfig.of(URI.create(sim.baseUrl()), new PagoEfectivoCredentials(ACCESS_KEY, SECRET_KEY, ID_SERVICE))
        .withConcurrency(4, 0);
    List<StatementRow> rows = new ArrayList<>();
    int missing = 0;
    try (PagoEfectivoClient client = new PagoEfectivoClient(config, clock)) {
      Map<String, CipLookup> answers = client.search(cips.stream().map(String::valueOf).toList());
      for (CipLookup l : answers.values()) {
        if (l instanceof CipLookup.Found found) {
          rows.add(StatementRow.of(found.gatewayCip()));
        } else {
          missing++;
        }
      }
    }
    progress.info(rows.size() + " CIPs in the portal export" + (missing > 0 ? ", " + missing + " without an answer" : ""));
    return StatementCsv.write(rows).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(S3Client s3, String bucket, String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private void printEmail(Alert a) {
    out.println();
    out.println("---- email (SNS subscription) ----------------------------------------");
    out.println("Subject: " + a.subject());
    out.println();
    out.println(a.body().strip());
    out.println("-----------------------------------------------------------------------");
  }

  private void printComparison(GroundTruth.Comparison c) {
    if (c.equal()) {
      out.println("Ground truth: MATCH. The " + c.found() + " discrepancies found are exactly the " + c.expected()
          + " the scenario planned.");
      return;
    }
    out.println("Ground truth: MISMATCH. Expected " + c.expected() + ", found " + c.found() + "; missing "
        + c.missing().size() + ", unexpected " + c.unexpected().size() + ".");
    c.missing().stream().limit(20).forEach(r -> out.println("  missing    " + r));
    c.unexpected().stream().limit(20).forEach(r -> out.println("  unexpected " + r));
  }

  /** Maps the planned CIP numbers of generated CSV files to the ones the simulator issued. */
  static final class Rewrite {
    private Rewrite() {}

    static byte[] cipColumn(byte[] csv, int column, Map<Long, Long> cips) {
      String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n", -1);
      StringBuilder b = new StringBuilder(csv.length + 1024);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (i > 0 && !line.isEmpty()) {
          String[] f = line.split(",", -1);
          if (!f[column].isEmpty()) {
            Long real = cips.get(Long.parseLong(f[column]));
            f[column] = real == null ? f[column] : real.toString();
          }
          line = String.join(",", f);
        }
        b.append(line);
        if (i < lines.length - 1) {
          b.append('\n');
        }
      }
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The verified webhooks of a business date, as webhooks.jsonl lines: what ReconcileFunction reads (DynamoDbWebhookLog). */
  static final class Webhooks {
    private Webhooks() {}

    static byte[] export(DevStack stack, LocalDate day, java.time.Clock clock) {
      StringBuilder b = new StringBuilder();
      var clients = stack.clients();
      String table = stack.stack().ref("PaymentsTable");
      var archive = new io.pagorecon.aws.EvidenceArchive(clients.dynamoDb(), table, clients.s3(), stack.stack().ref("DataBucket"));
      var log = new io.pagorecon.aws.DynamoDbWebhookLog(clients.dynamoDb(), table, archive, io.pagorecon.core.Stage.PRODUCTION, LIMA, clock);
      // A day's notifications carry its date; the neighbours hold the ones dated by a shifted payment time.
      // One pass over the receipt hours for the three dates, written date by date.
      List<LocalDate> dates = List.of(day.minusDays(1), day, day.plusDays(1));
      Map<LocalDate, StringBuilder> lines = new java.util.TreeMap<>();
      dates.forEach(d -> lines.put(d, new StringBuilder()));
      log.forEachVerifiedOn(dates, (d, r) -> lines.get(d).append("{\"receivedAt\":\"").append(r.receivedAt()).append("\",\"body\":")
          .append(new String(r.body(), StandardCharsets.UTF_8).strip()).append("}\n"));
      lines.values().forEach(b::append);
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
