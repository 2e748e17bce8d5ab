package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures for docs/performance.md; never part of the suite (no *Test/*IT suffix) and asserts no
 * timing. Run: {@code mvn -B -q -pl functions/webhook -am verify -Dtest='NoSuch*'
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WebhookPerformanceBench
 * -Dfailsafe.failIfNoSpecifiedTests=false}; results in functions/webhook/target/performance.txt.
 */
@MotoStack
class WebhookPerformanceBench {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int COLD_RUNS = 5;
  static final int WARM_NOTIFICATIONS = 200;

  static String event(String cip, String requestId) throws Exception {
    String body = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"" + cip
        + "\",\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-" + cip + "\"}}";
    ObjectNode e = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "..", "events", "apigw-cip-paid.json")));
    e.put("body", body);
    ((ObjectNode) e.get("headers")).put("pe-signature", Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", body.getBytes(StandardCharsets.UTF_8)));
    ((ObjectNode) e.get("requestContext")).put("requestId", requestId);
    return JSON.writeValueAsString(e);
  }

  /** The function's own cost without I/O: the handler over in-memory stores, after a warm-up. */
  static double inProcessMicrosPerNotification() throws Exception {
    io.pagorecon.fixtures.InMemoryPaymentStore store = new io.pagorecon.fixtures.InMemoryPaymentStore();
    io.pagorecon.core.webhook.WebhookIngest ingest = new io.pagorecon.core.webhook.WebhookIngest(io.pagorecon.core.Stage.SANDBOX,
        () -> new io.pagorecon.core.webhook.SigningKeys("SECRETKEYEXAMPLE", java.util.Optional.empty()),
        new io.pagorecon.fixtures.InMemoryEvidenceStore(), store,
        new io.pagorecon.core.payment.PaymentRecorder(store, java.time.Duration.ofMinutes(15)), io.pagorecon.core.time.BusinessCalendar.lima());
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(ingest, io.pagorecon.core.Stage.SANDBOX,
        java.time.Clock.systemUTC(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), () -> {});
    com.amazonaws.services.lambda.runtime.serialization.PojoSerializer<com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent> serializer =
        com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.serializerFor(
            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class, WebhookPerformanceBench.class.getClassLoader());
    int n = 20_000;
    List<com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(serializer.fromJson(event(Integer.toString(1_000_000 + i), "p-" + i)));
    }
    for (int i = 0; i < n / 2; i++) {
      handler.handleRequest(events.get(i), null);
    }
    long start = System.nanoTime();
    for (int i = n / 2; i < n; i++) {
      assertThat(handler.handleRequest(events.get(i), null).getStatusCode()).isEqualTo(200);
    }
    return (System.nanoTime() - start) / 1e3 / (n / 2);
  }

  @Test
  void measure(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"A\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> env = aws.functionEnvironment("WebhookFunction");
    Path log = Path.of("target", "ric-bench.log");
    List<Double> coldMs = new ArrayList<>();
    double warmMeanMs = 0;
    List<Double> warmMs = new ArrayList<>();
    for (int run = 0; run < COLD_RUNS; run++) {
      try (RuntimeApiStandIn api = new RuntimeApiStandIn()) {
        String first = event("9000000" + run, "cold-" + run);
        long start = System.nanoTime();
        try (LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(CipNotificationWebhookRuntimeIT.FUNCTION, task, env, api.address(), log)) {
          JsonNode r = JSON.readTree(lambda.await(api.invoke("cold-" + run, first), api));
          coldMs.add((System.nanoTime() - start) / 1e6);
          assertThat(r.get("statusCode").asInt()).isEqualTo(200);
          if (run == COLD_RUNS - 1) {
            long warmStart = System.nanoTime();
            for (int i = 0; i < WARM_NOTIFICATIONS; i++) {
              long t = System.nanoTime();
              JsonNode w = JSON.readTree(lambda.await(api.invoke("warm-" + i, event(Integer.toString(8000000 + i), "warm-" + i)), api));
              warmMs.add((System.nanoTime() - t) / 1e6);
              assertThat(w.get("statusCode").asInt()).isEqualTo(200);
            }
            warmMeanMs = (System.nanoTime() - warmStart) / 1e6 / WARM_NOTIFICATIONS;
          }
        }
      }
    }
    double inProcessUs = inProcessMicrosPerNotification();
    Collections.sort(coldMs);
    List<Double> steady = new ArrayList<>(warmMs.subList(WARM_NOTIFICATIONS / 2, WARM_NOTIFICATIONS));
    Collections.sort(steady);
    String report = String.format(java.util.Locale.ROOT,
        "jar_bytes=%d%ncold_ms_sorted=%s%ncold_ms_median=%.0f%nwarm_ms_mean_all=%.2f%nwarm_ms_median_last_half=%.2f%n"
            + "in_process_fakes_us_per_notification=%.1f%n",
        Files.size(CipNotificationWebhookRuntimeIT.FUNCTION.shadedJar()), coldMs, coldMs.get(COLD_RUNS / 2), warmMeanMs, steady.get(steady.size() / 2),
        inProcessUs);
    Files.writeString(Path.of("target", "performance.txt"), report);
    System.out.print(report);
  }
}
