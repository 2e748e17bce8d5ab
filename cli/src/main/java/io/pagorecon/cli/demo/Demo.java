package io.pagorecon.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.cli.internal.LocalFunctions;
import io.pagorecon.cli.internal.Progress;
import io.pagorecon.cli.internal.TemplateRoutes;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.DingTalkDigest;
import io.pagorecon.core.files.DiscrepanciesCsvWriter;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.files.SummaryJsonWriter;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.statement.StatementCsv;
import io.pagorecon.core.statement.StatementRow;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.DevStack;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.pagoefectivo.PagoEfectivoClient;
import io.pagorecon.pagoefectivo.PagoEfectivoConfig;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimClock;
import io.pagorecon.simulator.SimulatorConfig;
import io.pagorecon.simulator.scenario.ScenarioConfig;
import io.pagorecon.simulator.scenario.ScenarioFiles;
import io.pagorecon.simulator.scenario.ScenarioPlayer;
import java.io.ByteArrayOutputStream;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The main job on a laptop: moto provisioned from template.yaml, the PagoEfectivo simulator, the
 * real WebhookFunction behind a local HTTP endpoint, a generated business day played over real
 * HTTP, then statement, reconciliation and alert, and the findings checked against the scenario's
 * ground truth. Every resource name comes from the provisioned template.
 */
public final class Demo {

  /** What to run. */
  public record Options(int orders, long seed, LocalDate businessDate, Path out, StackTemplate template) {}

  /** What happened: the reconciliation and its comparison with the ground truth. */
  public record Outcome(ReconcileResult result, GroundTruth.Comparison comparison, Path reports, List<String> reportKeys) {}

  // The documentation's example credentials: the simulator and the stack's secret share them.
  static final String ACCESS_KEY = "ACCESSKEYEXAMPLE0001";
  static final String SECRET_KEY = "SECRETKEYEXAMPLE";
  static final String ID_SERVICE = "1035";
  static final String SANDBOX_SECRET_KEY = "SANDBOXSECRETEXAMPLE";
  /** Production, so a sandbox-signed notification is rejected as the design requires. */
  static final String STAGE = "production";
  static final ZoneId LIMA = BusinessCalendar.LIMA;
  private static final ZoneId SELLER_ZONE = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int STEPS = 8;

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
    try (DevStack stack = DevStack.start(o.template(), STAGE, exampleSecrets(), logs)) {
      progress.info("moto " + stack.moto().endpoint() + ", " + stack.stack().resources().size() + " resources, stage " + STAGE);

      progress.step("PagoEfectivo simulator and the functions behind a local HTTP API");
      SimClock clock = SimClock.frozenAt(day.minusDays(2).atStartOfDay(LIMA).toInstant());
      try (LocalHttpApi api = httpApi(stack, o.template(), clock);
          PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
              .clock(clock)
              .credentials(ACCESS_KEY, SECRET_KEY, ID_SERVICE)
              .maxAmount(new BigDecimal("100000000"))
              .webhookUrl(api.baseUri() + "/webhooks/pagoefectivo")
              .build())) {
        progress.info("simulator " + sim.baseUrl() + " → webhooks " + api.baseUri() + "/webhooks/pagoefectivo");

        progress.step("A business day of " + o.orders() + " orders (seed " + o.seed() + ", " + day + " America/Lima)");
        ScenarioConfig config = ScenarioConfig.of(o.seed(), o.orders(), day);
        Path scenarioDir = o.out().resolve("scenario");
        ScenarioFiles.Summary planned = ScenarioFiles.write(config, scenarioDir);
        progress.info("planned: " + planned.statementRows() + " CIPs, ground truth " + planned.findings());

        progress.step("Playing the day through the simulator: CIPs over /v1, webhooks over HTTP to WebhookFunction");
        ScenarioPlayer.Result played = play(sim, config, planned.statementRows());
        progress.info(sim.webhooks().size() + " webhook deliveries; " + played.refused().size() + " creates refused");

        progress.step("Orders export to S3 (the seller's shop)");
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

        progress.step("Statement: every known CIP asked from PagoEfectivo (cips/search, 5 per call)");
        byte[] statement = statement(sim, clock, cips.values());
        Files.write(o.out().resolve("statement.csv"), statement);
        String statementKey = "statements/" + STAGE + "/" + datePath + "/statement.csv";
        put(s3, bucket, statementKey, statement);
        progress.info("s3://" + bucket + "/" + statementKey);

        progress.step("Reconciliation of " + day + " (orders and statement from S3, verified webhooks from DynamoDB)");
        byte[] webhooks = Webhooks.export(stack.clients().dynamoDb(), stack.stack().ref("PaymentsTable"), day);
        Files.write(o.out().resolve("webhooks.jsonl"), webhooks);
        ReconcileResult result = reconcile(day, s3, bucket, ordersKey, statementKey, webhooks);
        Path reports = Files.createDirectories(o.out().resolve("reports"));
        List<String> reportKeys = writeReports(result, reports, s3, bucket, "reports/" + STAGE + "/" + datePath + "/");
        printSummary(result);

        progress.step("Alert: published to the alerts topic, read back from a subscribed queue");
        Alert alert = alert(result, reportKeys);
        Alert received = publishAndReceive(stack, alert);
        printEmail(received);
        printDingTalk(received);

        GroundTruth.Comparison comparison = GroundTruth.compare(GroundTruth.read(new java.io.StringReader(
            new String(truth, StandardCharsets.UTF_8))), result.discrepancies());
        out.println();
        out.println("Reports:");
        reportKeys.forEach(k -> out.println("  s3://" + bucket + "/" + k));
        out.println("  " + reports.resolve("discrepancies.csv") + "  (open in Excel)");
        out.println("  " + reports.resolve("summary.json"));
        out.println("  inputs: " + o.out().resolve("orders.csv") + ", " + o.out().resolve("statement.csv") + ", "
            + o.out().resolve("webhooks.jsonl") + "; function logs: " + logs.resolve("functions.log"));
        out.println();
        printComparison(comparison);
        out.println("Done in " + Progress.seconds(Duration.between(t0, Instant.now())) + ".");
        out.flush();
        return new Outcome(result, comparison, reports, reportKeys);
      }
    }
  }

  /** The stack's secrets with the documentation's example values (never real credentials). */
  public static Map<String, String> exampleSecrets() {
    Map<String, String> s = new HashMap<>();
    s.put("PagoEfectivoSecret", "{\"accessKey\":\"" + ACCESS_KEY + "\",\"secretKey\":\"" + SECRET_KEY + "\",\"idService\":\""
        + ID_SERVICE + "\",\"sandboxSecretKey\":\"" + SANDBOX_SECRET_KEY + "\"}");
    s.put("DingTalkSecret", "{\"webhookUrl\":\"http://127.0.0.1:9/robot/send?access_token=demo\",\"secret\":\"SECdemo\"}");
    return s;
  }

  /** Every HTTP route of the template whose function is hosted locally, wired from its template environment. */
  static LocalHttpApi httpApi(DevStack stack, StackTemplate template, java.time.Clock clock) throws IOException {
    LocalHttpApi.Builder b = LocalHttpApi.builder();
    for (Map.Entry<String, String> r : TemplateRoutes.of(template).entrySet()) {
      LocalFunctions.route(r.getValue(), stack.functionEnvironment(r.getValue()), clock).ifPresent(route -> b.route(r.getKey(), route));
    }
    return b.start();
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

  private byte[] statement(PagoEfectivoSimulator sim, java.time.Clock clock, java.util.Collection<Long> cips) {
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
    progress.info(rows.size() + " statement rows" + (missing > 0 ? ", " + missing + " CIPs without an answer" : ""));
    return StatementCsv.write(rows).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(S3Client s3, String bucket, String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private static ReconcileResult reconcile(LocalDate day, S3Client s3, String bucket, String ordersKey, String statementKey, byte[] webhooks)
      throws Exception {
    ReconcileConfig config = ReconcileConfig.defaults();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ReconcileFiles files = new ReconcileFiles(new Reconciler(config), OrdersFormat.preset("canonical").orElseThrow(), pool, 2);
      return files.run(
          new ReconcileFiles.Source("s3://" + bucket + "/" + ordersKey, () -> s3.getObject(b -> b.bucket(bucket).key(ordersKey))),
          new ReconcileFiles.Source("s3://" + bucket + "/" + statementKey, () -> s3.getObject(b -> b.bucket(bucket).key(statementKey))),
          Optional.of(new ReconcileFiles.Source("webhooks.jsonl", () -> new java.io.ByteArrayInputStream(webhooks))),
          Scope.businessDate(day, config.calendar()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> writeReports(ReconcileResult result, Path dir, S3Client s3, String bucket, String prefix) throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    new DiscrepanciesCsvWriter(LIMA, Optional.of(SELLER_ZONE)).write(result, csv);
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    new SummaryJsonWriter(LIMA).write(result, summary);
    Files.write(dir.resolve("discrepancies.csv"), csv.toByteArray());
    Files.write(dir.resolve("summary.json"), summary.toByteArray());
    put(s3, bucket, prefix + "discrepancies.csv", csv.toByteArray());
    put(s3, bucket, prefix + "summary.json", summary.toByteArray());
    return List.of(prefix + "discrepancies.csv", prefix + "summary.json");
  }

  private void printSummary(ReconcileResult r) {
    out.println();
    out.println("Reconciliation of " + r.date().map(LocalDate::toString).orElse("all dates") + " (America/Lima): matched "
        + r.matched() + ", discrepancies " + r.discrepancies().size());
    for (Category c : Category.values()) {
      long n = r.countsByCategory().getOrDefault(c, 0L);
      if (n > 0) {
        out.printf("  %-22s %-8s %4d%n", c.name(), c.severity().wire(), n);
      }
    }
    r.totals().forEach((currency, t) -> {
      if (t.orders() + t.paidCips() > 0) {
        out.println("  " + currency + ": orders " + t.orders() + " (" + t.orderAmount().toPlainString() + "), paid CIPs "
            + t.paidCips() + " (" + t.paidAmount().toPlainString() + "), matched " + t.matched() + " ("
            + t.matchedAmount().toPlainString() + ")");
      }
    });
    out.println();
  }

  /** The daily alert: counts per category and the critical items first. */
  static Alert alert(ReconcileResult r, List<String> reportKeys) {
    long critical = r.discrepancies().stream().filter(d -> d.severity().name().equals("CRITICAL")).count();
    String date = r.date().map(LocalDate::toString).orElse("all dates");
    String subject = "[pagorecon " + STAGE + "] " + date + ": " + r.discrepancies().size() + " discrepancies, " + critical + " critical";
    StringBuilder body = new StringBuilder();
    body.append("Business date ").append(date).append(" (America/Lima): ").append(r.matched()).append(" payments matched, ")
        .append(r.discrepancies().size()).append(" discrepancies.\n\n");
    for (Category c : Category.values()) {
      long n = r.countsByCategory().getOrDefault(c, 0L);
      if (n > 0) {
        body.append("- **").append(c.name()).append("** (").append(c.severity().wire()).append("): ").append(n).append('\n');
      }
    }
    List<io.pagorecon.core.reconcile.Discrepancy> top = r.discrepancies().stream()
        .filter(d -> d.severity().name().equals("CRITICAL")).limit(5).toList();
    if (!top.isEmpty()) {
      body.append("\nFirst critical items:\n");
      top.forEach(d -> body.append("- ").append(d.category().name()).append(" order ").append(d.orderId()).append(" CIP ")
          .append(d.cip()).append(": ").append(d.detail()).append('\n'));
    }
    body.append("\nReport: ").append(String.join(", ", reportKeys)).append('\n');
    Alert.Severity severity = r.discrepancies().isEmpty() ? Alert.Severity.INFO
        : Alert.Severity.parse(r.discrepancies().stream().map(d -> d.severity()).min(Enum::compareTo).orElseThrow().name());
    return new Alert(subject, body.toString(), severity, STAGE);
  }

  /** Publishes to the template's alerts topic and reads the message back as an email subscriber would get it. */
  private static Alert publishAndReceive(DevStack stack, Alert alert) throws IOException {
    SqsClient sqs = stack.clients().sqs();
    String topic = stack.stack().ref("AlertsTopic");
    String queueUrl = sqs.createQueue(b -> b.queueName("demo-email-inbox")).queueUrl();
    String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    stack.clients().sns().subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
    stack.clients().sns().publish(b -> b.topicArn(topic).subject(alert.subject()).message(alert.body())
        .messageAttributes(Map.of(
            "severity", MessageAttributeValue.builder().dataType("String").stringValue(alert.severity().name()).build(),
            "stage", MessageAttributeValue.builder().dataType("String").stringValue(alert.stage()).build())));
    List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10).maxNumberOfMessages(1)).messages();
    if (messages.isEmpty()) {
      throw new IllegalStateException("the alert did not reach the subscribed queue within 10 s");
    }
    JsonNode envelope = JSON.readTree(messages.get(0).body());
    return new Alert(envelope.path("Subject").asText(), envelope.path("Message").asText(),
        Alert.Severity.parse(envelope.path("MessageAttributes").path("severity").path("Value").asText(null)),
        envelope.path("MessageAttributes").path("stage").path("Value").asText(STAGE));
  }

  private void printEmail(Alert a) {
    out.println();
    out.println("---- email (SNS subscription) ----------------------------------------");
    out.println("Subject: " + a.subject());
    out.println();
    out.println(a.body().strip());
    out.println("-----------------------------------------------------------------------");
  }

  private void printDingTalk(Alert a) {
    DingTalkDigest.Message m = DingTalkDigest.merge(List.of(a));
    out.println();
    out.println("---- DingTalk robot (markdown) ----------------------------------------");
    out.println("title: " + m.title());
    out.println(m.markdown());
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

  /** The verified webhooks of a business date from the payments table, as webhooks.jsonl lines. */
  static final class Webhooks {
    private Webhooks() {}

    static byte[] export(DynamoDbClient dynamo, String table, LocalDate day) {
      StringBuilder b = new StringBuilder();
      // A day's notifications carry its date; the neighbours hold the ones dated by a shifted payment time.
      for (LocalDate d : List.of(day.minusDays(1), day, day.plusDays(1))) {
        Map<String, AttributeValue> start = null;
        do {
          Map<String, AttributeValue> from = start;
          var page = dynamo.query(QueryRequest.builder().tableName(table).indexName("byBusinessDate")
              .keyConditionExpression("businessDate = :d")
              .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(d.toString())))
              .exclusiveStartKey(from).build());
          for (Map<String, AttributeValue> item : page.items()) {
            AttributeValue source = item.get("source");
            AttributeValue body = item.get("body");
            AttributeValue receivedAt = item.get("receivedAt");
            if (source != null && "webhook".equals(source.s()) && body != null && receivedAt != null) {
              b.append("{\"receivedAt\":\"").append(receivedAt.s()).append("\",\"body\":").append(body.s().strip()).append("}\n");
            }
          }
          start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
      }
      return b.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
