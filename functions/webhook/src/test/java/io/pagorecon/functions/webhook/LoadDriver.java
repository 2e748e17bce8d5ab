package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.http.LocalHttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Drives a load run: signed notifications (10% exact duplicates, shuffled, one CIP in ten also
 * expired, often delivered before its payment) over real HTTP into {@link LocalHttpApi} at a given
 * concurrency; a 5xx is redelivered once, as PagoEfectivo does. Measures, never asserts timing.
 */
final class LoadDriver {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET = "SECRETKEYEXAMPLE";

  record Delivery(String cip, String eventType, String body) {
    String fact() {
      return cip + "|" + eventType;
    }
  }

  record Outcome(int status, String code, long nanos) {}

  record Result(List<Delivery> plan, Map<String, List<Outcome>> byFact, List<Long> latencies, long wallNanos, int serverErrors,
      Set<String> redelivered) {
    Set<String> cips() {
      Set<String> cips = new LinkedHashSet<>();
      plan.forEach(d -> cips.add(d.cip()));
      return cips;
    }

    /** The body each fact was delivered with (a duplicate repeats the same bytes). */
    Map<String, String> bodyPerFact() {
      Map<String, String> bodies = new HashMap<>();
      plan.forEach(d -> bodies.put(d.fact(), d.body()));
      return bodies;
    }

    Map<String, Integer> deliveriesPerFact() {
      Map<String, Integer> delivered = new HashMap<>();
      plan.forEach(d -> delivered.merge(d.fact(), 1, Integer::sum));
      return delivered;
    }

    long accepted(String cip) {
      return byFact.entrySet().stream().filter(e -> e.getKey().startsWith(cip + "|"))
          .flatMap(e -> e.getValue().stream()).filter(o -> o.code().equals("ACCEPTED")).count();
    }

    /**
     * Every delivery answered 200 in the end; per fact one answer that is not DUPLICATE, or none
     * when a 5xx hid a write that had succeeded (its redelivery then finds it: booked, not lost).
     */
    void assertAnsweredOncePerFact() {
      deliveriesPerFact().forEach((fact, times) -> {
        List<Outcome> outcomes = byFact.get(fact);
        assertThat(outcomes).as(fact).hasSize(times).allSatisfy(o -> assertThat(o.status()).isEqualTo(200));
        long recorded = outcomes.stream().filter(o -> !o.code().equals("DUPLICATE")).count();
        if (redelivered.contains(fact)) {
          assertThat(recorded).as(fact + ": recorded at most once").isLessThanOrEqualTo(1);
        } else {
          assertThat(recorded).as(fact + ": recorded once").isEqualTo(1);
        }
      });
    }

    String report(String backend, int concurrency) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      double seconds = wallNanos / 1e9;
      return String.format("webhook load (%s): %d notifications (%d CIPs), concurrency %d, %.1f s, %.0f notifications/s, "
              + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms, 5xx answers %d (each redelivered once)%n",
          backend, plan.size(), cips().size(), concurrency, seconds, plan.size() / seconds, percentile(sorted, 0.50),
          percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6, serverErrors);
    }
  }

  static List<Delivery> plan(int total, long seed) {
    Random rnd = new Random(seed);
    int distinct = (int) Math.round(total * 0.9);
    List<Delivery> base = new ArrayList<>();
    for (int i = 0; base.size() < distinct; i++) {
      String cip = Long.toString(20_000_000L + i);
      String amount = (1 + rnd.nextInt(50_000)) + "." + String.format("%02d", rnd.nextInt(100));
      base.add(new Delivery(cip, "cip.paid", "{\"eventType\":\"cip.paid\",\"operationNumber\":\"" + (1000 + i) + "\",\"data\":{\"cip\":\"" + cip
          + "\",\"currency\":\"PEN\",\"amount\":" + amount + ",\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-" + i
          + "\",\"userEmail\":\"cliente" + i + "@example.pe\",\"userDocumentNumber\":\"4" + String.format("%07d", i) + "\"}}"));
      if (i % 10 == 0 && base.size() < distinct) {
        base.add(new Delivery(cip, "cip.expired", "{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"PEN\",\"amount\":"
            + amount + ",\"transactionCode\":\"ORD-" + i + "\"}}"));
      }
    }
    List<Delivery> all = new ArrayList<>(base);
    while (all.size() < total) {
      all.add(base.get(rnd.nextInt(base.size())));
    }
    Collections.shuffle(all, rnd);
    return all;
  }

  static Result run(List<Delivery> plan, int concurrency, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) throws Exception {
    Map<String, List<Outcome>> byFact = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger serverErrors = new AtomicInteger();
    Set<String> redelivered = ConcurrentHashMap.newKeySet();
    long wall;
    try (LocalHttpApi api = LocalHttpApi.builder()
        .route("POST /webhooks/pagoefectivo", (event, context) -> handler.apply(event))
        .threads(concurrency)
        .start()) {
      URI url = api.baseUri().resolve("/webhooks/pagoefectivo");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      ExecutorService clients = Executors.newFixedThreadPool(concurrency);
      try {
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Delivery d : plan) {
          futures.add(clients.submit(() -> {
            Outcome outcome = post(http, url, d);
            latencies.add(outcome.nanos());
            if (outcome.status() >= 500) {
              serverErrors.incrementAndGet();
              redelivered.add(d.fact());
              outcome = post(http, url, d);
            }
            byFact.computeIfAbsent(d.fact(), k -> Collections.synchronizedList(new ArrayList<>())).add(outcome);
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        wall = System.nanoTime() - start;
      } finally {
        clients.shutdownNow();
      }
    }
    return new Result(plan, byFact, latencies, wall, serverErrors.get(), Set.copyOf(redelivered));
  }

  private static Outcome post(HttpClient http, URI url, Delivery d) throws Exception {
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(120))
        .header("content-type", "application/json")
        .header("PE-Signature", Signatures.hmacSha256Hex(SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - t0;
    String code = JSON.readTree(response.body()).path("code").asText("");
    return new Outcome(response.statusCode(), code, nanos);
  }

  static void write(String fileName, String text) throws Exception {
    System.out.print(text);
    Files.writeString(Path.of("target", fileName), text, StandardCharsets.UTF_8);
  }

  private static double percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private LoadDriver() {}
}
