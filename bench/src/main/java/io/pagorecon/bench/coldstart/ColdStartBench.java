package io.pagorecon.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.DevStack;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench coldstart}: fresh JVMs as Lambda starts them (the runtime interface client as main,
 * the function's shaded jar in {@code <task root>/lib}, the template's environment including
 * {@code JAVA_TOOL_OPTIONS}), timed from process start to the first handled event against moto.
 * WebhookFunction and the {@link BaselineHandler} floor alternate run by run, so both see the same
 * machine load. No SnapStart here: see docs/performance.md for how restore is measured on AWS.
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
    description = "Cold start of WebhookFunction vs a handler that only builds the same SDK clients (median of --runs).")
public final class ColdStartBench implements Callable<Integer> {

  static final String SECRET_KEY = "SECRETKEYEXAMPLE";
  static final String WEBHOOK_HANDLER = "io.pagorecon.functions.webhook.CipNotificationWebhookHandler::handleRequest";
  static final ObjectMapper JSON = new ObjectMapper();
  /** The sample event each other function gets (DingTalk: an SNS alert in an SQS record, built below). */
  static final Map<String, String> OTHER_EVENTS = orderedMap(
      "SyncFunction", "scheduler-sync.json",
      "StatementFunction", "scheduler-statement-daily.json",
      "ReconcileFunction", "ondemand-reconcile.json",
      "PaymentsApiFunction", "apigw-payments-get.json",
      "DingTalkFunction", "(sqs alert)");

  @Option(names = "--runs", defaultValue = "5", description = "Cold starts per handler (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--java-options", paramLabel = "OPTS", description = "Appended to the template's JAVA_TOOL_OPTIONS (e.g. -Xlog:class+load:file=...).")
  String javaOptions;

  @Override
  public Integer call() throws Exception {
    StackTemplate template = StackTemplate.locate();
    Path root = template.directory();
    Path webhookJar = root.resolve("functions/webhook/target/webhook-lambda.jar");
    if (!Files.isRegularFile(webhookJar)) {
      System.err.println("bench coldstart: " + webhookJar + " is missing: mvn -B -q -pl functions/webhook -am package -DskipTests");
      return 2;
    }
    Path work = Files.createTempDirectory("pagorecon-coldstart");
    String runtimeClasspath = runtimeClasspath();
    List<Long> webhook = new ArrayList<>();
    List<Long> baseline = new ArrayList<>();
    // every other function: its template handler and jar, one sample event from events/; any answer counts as handled
    Map<String, List<Long>> others = new java.util.LinkedHashMap<>();
    String secret = "{\"accessKey\":\"A\",\"secretKey\":\"" + SECRET_KEY + "\",\"idService\":\"1035\"}";
    HttpServer robot = robotStandIn();
    String robotSecret = "{\"webhookUrl\":\"http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=bench\",\"secret\":\"SECbench\"}";
    try (DevStack stack = DevStack.start(template, "sandbox", Map.of("PagoEfectivoSecret", secret, "DingTalkSecret", robotSecret), work)) {
      Map<String, String> env = withOptions(stack.stack().functionProcessEnvironment("WebhookFunction"));
      Path webhookRoot = taskRoot(work.resolve("webhook"), webhookJar, false);
      Path baselineRoot = taskRoot(work.resolve("baseline"), webhookJar, true);
      Map<String, Path> otherRoots = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, String> f : OTHER_EVENTS.entrySet()) {
        Path jar = root.resolve(property(template, f.getKey(), "CodeUri"));
        if (Files.isRegularFile(jar)) {
          otherRoots.put(f.getKey(), taskRoot(work.resolve(f.getKey()), jar, false));
          others.put(f.getKey(), new ArrayList<>());
        }
      }
      for (int run = 0; run < runs; run++) {
        webhook.add(coldStart(webhookRoot, WEBHOOK_HANDLER, env, runtimeClasspath, webhookEvent(root, 9_100_000 + run), "\"statusCode\":200",
            work.resolve("webhook-" + run + ".log")));
        baseline.add(coldStart(baselineRoot, BaselineHandler.class.getName() + "::handleRequest", env, runtimeClasspath, "{}", "BASELINE",
            work.resolve("baseline-" + run + ".log")));
        StringBuilder line = new StringBuilder("run " + (run + 1) + ": WebhookFunction " + webhook.get(run) + " ms, baseline " + baseline.get(run) + " ms");
        for (Map.Entry<String, Path> f : otherRoots.entrySet()) {
          String id = f.getKey();
          String event = id.equals("DingTalkFunction") ? dingtalkEvent() : Files.readString(root.resolve("events").resolve(OTHER_EVENTS.get(id)));
          long ms = coldStart(f.getValue(), property(template, id, "Handler"), withOptions(stack.stack().functionProcessEnvironment(id)),
              runtimeClasspath, event, null, work.resolve(id + "-" + run + ".log"));
          others.get(id).add(ms);
          line.append(", ").append(id).append(' ').append(ms).append(" ms");
          if (lastAnswer.startsWith("ERROR") || lastAnswer.startsWith("INIT_ERROR")) {
            line.append(" (answered ").append(lastAnswer, 0, Math.min(160, lastAnswer.length())).append(')');
          }
        }
        System.out.println(line);
      }
    } finally {
      robot.stop(0);
    }
    for (Path jar : functionJars(root)) {
      System.out.printf(Locale.ROOT, "jar %s bytes=%d mib=%.2f%n", root.relativize(jar), Files.size(jar), Files.size(jar) / 1048576.0);
    }
    for (Map.Entry<String, List<Long>> f : others.entrySet()) {
      System.out.println("coldstart function=" + f.getKey() + " event=" + OTHER_EVENTS.get(f.getKey()) + " runs_ms=" + f.getValue()
          + " median_ms=" + median(f.getValue()));
    }
    long w = median(webhook);
    long b = median(baseline);
    System.out.println("coldstart function=WebhookFunction runs_ms=" + webhook + " median_ms=" + w);
    System.out.println("coldstart function=Baseline runs_ms=" + baseline + " median_ms=" + b);
    System.out.printf(Locale.ROOT, "coldstart webhook_ms=%d baseline_ms=%d ratio=%.2f jar_mib=%.2f%n", w, b, (double) w / b,
        Files.size(webhookJar) / 1048576.0);
    return 0;
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  @SuppressWarnings("unchecked")
  private static String property(StackTemplate template, String logicalId, String name) {
    Map<String, Object> resources = (Map<String, Object>) template.root().get("Resources");
    Map<String, Object> function = (Map<String, Object>) resources.get(logicalId);
    Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
    return String.valueOf(properties.get(name));
  }

  private Map<String, String> withOptions(Map<String, String> functionEnv) {
    Map<String, String> env = new java.util.LinkedHashMap<>(functionEnv);
    if (javaOptions != null) {
      env.merge("JAVA_TOOL_OPTIONS", javaOptions, (a, b) -> a + " " + b);
    }
    return env;
  }

  /** One SQS record carrying an SNS alert envelope, as the alerts queue delivers it. */
  private static String dingtalkEvent() throws IOException {
    ObjectNode envelope = JSON.createObjectNode().put("Type", "Notification").put("Subject", "bench").put("Message", "cold start");
    envelope.putObject("MessageAttributes").putObject("severity").put("Type", "String").put("Value", "INFO");
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").addObject().put("messageId", "m0").put("eventSource", "aws:sqs").put("body", envelope.toString());
    return JSON.writeValueAsString(event);
  }

  /** The DingTalk robot: accepts every message. */
  private static HttpServer robotStandIn() throws IOException {
    HttpServer robot = LoopbackHttpServer.create(0, 8);
    robot.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] reply = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    robot.start();
    return robot;
  }

  /** Lambda's layout: the jar in lib/; the baseline's one class at the task root beside it. */
  private static Path taskRoot(Path dir, Path jar, boolean withBaseline) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(jar, dir.resolve("lib").resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (withBaseline) {
      String resource = BaselineHandler.class.getName().replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = BaselineHandler.class.getClassLoader().getResourceAsStream(resource)) {
        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /** The last answer of {@link #coldStart}, so a function that answers with an error is reported, not hidden. */
  private static String lastAnswer = "";

  private static long coldStart(Path taskRoot, String handler, Map<String, String> functionEnv, String runtimeClasspath, String event,
      String expect, Path log) throws Exception {
    try (RuntimeApiStandIn api = new RuntimeApiStandIn()) {
      CompletableFuture<Object> answered = CompletableFuture.anyOf(api.invoke("cold-1", event),
          api.initError().thenApply(body -> "INIT_ERROR:" + body));
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", runtimeClasspath,
          "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
      ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
      env.putAll(functionEnv);
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", handler);
      env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      long start = System.nanoTime();
      Process p = pb.start();
      try {
        String answer = (String) answered.get(120, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        lastAnswer = answer;
        if (expect != null && !answer.contains(expect)) {
          throw new IllegalStateException(handler + " answered " + answer + "; log: " + log);
        }
        return ms;
      } finally {
        p.destroyForcibly();
        p.waitFor();
      }
    }
  }

  /** A cip.paid for a CIP not seen before, signed with the stack's secret: the full first-delivery path. */
  private static String webhookEvent(Path root, long cip) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree(Files.readString(root.resolve("events/apigw-cip-paid.json")));
    String body = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"" + cip
        + "\",\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-" + cip + "\"}}";
    e.put("body", body);
    ((ObjectNode) e.get("headers")).put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
    ((ObjectNode) e.get("headers")).put("pe-signature", Signatures.hmacSha256Hex(SECRET_KEY, body.getBytes(StandardCharsets.UTF_8)));
    return JSON.writeValueAsString(e);
  }

  /** The runtime client's jars, copied by the bench build into {@code bench/target/lambda-runtime}. */
  private static String runtimeClasspath() throws Exception {
    Path benchJar = Path.of(ColdStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = benchJar.getParent().resolve("lambda-runtime");
    List<String> jars = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
      s.forEach(p -> jars.add(p.toString()));
    }
    if (jars.size() < 3) {
      throw new IllegalStateException(dir + " should hold the runtime interface client's jars (built by the bench module)");
    }
    return String.join(File.pathSeparator, jars);
  }

  private static List<Path> functionJars(Path root) throws IOException {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> functions = Files.newDirectoryStream(root.resolve("functions"), Files::isDirectory)) {
      for (Path f : functions) {
        Path target = f.resolve("target");
        if (Files.isDirectory(target)) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "*-lambda.jar")) {
            s.forEach(jars::add);
          }
        }
      }
    }
    Collections.sort(jars);
    return jars;
  }

  private static long median(List<Long> v) {
    List<Long> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
