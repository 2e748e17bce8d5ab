package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.Stage;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.functions.webhook.WebhookFuzz.Case;
import io.pagorecon.functions.webhook.WebhookFuzz.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bad input, at volume: generated and mutated deliveries through the real handler with in-memory
 * storage. Whatever arrives, the answer is never a 5xx while storage is healthy, every rejection
 * carries a stable {@link ErrorCode} with its HTTP status, a rejected request books nothing, only a
 * correctly signed body is ever booked (its exact bytes kept as evidence), and no log line carries
 * the secret, an email address or a document number.
 */
class WebhookFuzzTest {

  static final long SEED = Long.getLong("fuzz.seed", 20240115L);
  static final int SANDBOX_CASES = Integer.getInteger("fuzz.cases", 10_000);
  static final int PRODUCTION_CASES = 2_000;
  static final int STORAGE_FAULT_CASES = 1_000;

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T15:36:00Z"), ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> SUCCESS_CODES = Set.of("ACCEPTED", "DUPLICATE", "STALE", "IGNORED");

  /** A fresh world per case: a known PENDING CIP, a handler, captured logs. */
  static final class World {
    final InMemoryPaymentStore store = new InMemoryPaymentStore();
    final InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final CipNotificationWebhookHandler handler;

    World(Stage stage) {
      PaymentRecorder recorder = new PaymentRecorder(store, Duration.ofMinutes(15));
      recorder.record(new PaymentFact(WebhookFuzz.KNOWN_CIP, PaymentEvent.CREATED, "api:CREATED", Source.API, CLOCK.instant(),
          LocalDate.of(2024, 1, 15), Optional.of(new Money(new BigDecimal("10.00"), Currency.PEN)), Optional.of("ORD-KNOWN"),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
      WebhookIngest ingest = new WebhookIngest(stage,
          () -> new SigningKeys(WebhookFuzz.SECRET, Optional.of(WebhookFuzz.SANDBOX_SECRET)), evidence, store, recorder,
          BusinessCalendar.lima());
      handler = new CipNotificationWebhookHandler(ingest, stage, CLOCK, new PrintStream(logs, true, StandardCharsets.UTF_8), () -> {});
    }

    String log() {
      return logs.toString(StandardCharsets.UTF_8);
    }
  }

  private final WebhookFuzz fuzz = new WebhookFuzz();
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @Test
  void handler_shouldAnswerEveryMutatedRequestSafely_onSandbox() throws Exception {
    for (int i = 0; i < SANDBOX_CASES; i++) {
      check(fuzz.generate(SEED, i), Stage.SANDBOX);
    }
    print("sandbox", SANDBOX_CASES);
    assertThat(outcomes).containsKeys("ACCEPTED", "STALE", "IGNORED", "MISSING_SIGNATURE", "INVALID_SIGNATURE", "MALFORMED_JSON",
        "MISSING_FIELD", "INVALID_FIELD", "INVALID_AMOUNT", "PAYLOAD_TOO_LARGE", "METHOD_NOT_ALLOWED");
  }

  @Test
  void handler_shouldAnswerEveryMutatedRequestSafely_onProduction() throws Exception {
    for (int i = 0; i < PRODUCTION_CASES; i++) {
      check(fuzz.generate(SEED + 1, i), Stage.PRODUCTION);
    }
    print("production", PRODUCTION_CASES);
    assertThat(outcomes).containsKey("SANDBOX_SIGNATURE");
  }

  /** Storage fails during the first delivery: a 503 (or the same 4xx), nothing booked; the redelivery completes it. */
  @Test
  void handler_shouldAnswer503AndBookNothing_whenStorageFails_thenCompleteOnRedelivery() throws Exception {
    int unavailable = 0;
    for (int i = 0; i < STORAGE_FAULT_CASES; i++) {
      Case c = fuzz.generate(SEED + 2, i);
      World world = new World(Stage.SANDBOX);
      if (i % 2 == 0) {
        world.store.failNextWrites(1);
      } else {
        world.evidence.failNextPuts(1);
      }
      APIGatewayV2HTTPResponse first = world.handler.handleRequest(c.event(), null);
      JsonNode body = JSON.readTree(first.getBody());
      if (first.getStatusCode() >= 500) {
        unavailable++;
        assertThat(first.getStatusCode()).as(c.toString()).isEqualTo(503);
        assertThat(body.get("code").asText()).as(c.toString()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE.name());
        assertThat(first.getBody()).as(c.toString()).doesNotContain("injected");
        assertThat(world.store.facts()).as(c.toString()).hasSize(1);
      }
      world.store.failNextWrites(0);
      world.evidence.failNextPuts(0);
      APIGatewayV2HTTPResponse redelivery = world.handler.handleRequest(c.event(), null);
      verify(c, redelivery, world, Stage.SANDBOX);
    }
    System.out.printf("webhook fuzz with storage faults: %d cases, %d answered 503 then completed on redelivery%n",
        STORAGE_FAULT_CASES, unavailable);
    assertThat(unavailable).isGreaterThan(STORAGE_FAULT_CASES / 4);
  }

  private final Map<String, String> failures = new TreeMap<>();

  /** Collects the first failure of each mutation kind, so one run shows every broken kind. */
  private void check(Case c, Stage stage) throws Exception {
    World world = new World(stage);
    APIGatewayV2HTTPResponse response = world.handler.handleRequest(c.event(), null);
    try {
      verify(c, response, world, stage);
    } catch (AssertionError e) {
      failures.putIfAbsent(c.mutation(), e.getMessage());
    }
  }

  private void verify(Case c, APIGatewayV2HTTPResponse response, World world, Stage stage) throws Exception {
    int status = response.getStatusCode();
    assertThat(status).as(c + " must never be a 5xx while storage is healthy").isLessThan(500);
    JsonNode body = JSON.readTree(response.getBody());
    String code = body.get("code").asText();
    assertThat(body.get("requestId").asText()).as(c.toString()).isEqualTo(c.event().getRequestContext().getRequestId());
    assertThat(body.get("message").asText()).as(c.toString()).isNotBlank();
    outcomes.merge(code, 1, Integer::sum);

    if (status == 200) {
      assertThat(code).as(c.toString()).isIn(SUCCESS_CODES);
      assertThat(c.properlySigned()).as(c + " was booked without a valid signature").isTrue();
      assertThat(world.evidence.objects()).as(c + ": evidence of the booked body")
          .anySatisfy((key, object) -> {
            assertThat(key).startsWith("evidence/" + stage.wireName() + "/batches/");
            assertThat(Arrays.equals(object.body(), c.delivered())).isTrue();
          });
    } else {
      ErrorCode error = ErrorCode.valueOf(code);
      assertThat(error.httpStatus()).as(c + ": HTTP status of " + code).isEqualTo(status);
      assertThat(world.store.facts()).as(c + ": a rejected request booked a fact").hasSize(1);
      assertThat(world.store.find(WebhookFuzz.KNOWN_CIP).orElseThrow().state()).as(c.toString()).isEqualTo(PaymentState.PENDING);
      assertThat(world.evidence.objects().keySet()).as(c.toString()).noneMatch(k -> k.startsWith("evidence/"));
    }

    Kind kind = c.expect().kind();
    if (kind == Kind.VALID) {
      assertThat(status).as(c + " should be accepted, got " + code).isEqualTo(200);
    } else if (kind == Kind.ANY_REJECT) {
      assertThat(status).as(c + " should be rejected, got " + code).isBetween(400, 499);
    } else if (kind == Kind.REJECT) {
      ErrorCode expected = c.expect().code().orElseThrow();
      if (stage == Stage.PRODUCTION && c.mutation().equals("signature-sandbox-key")) {
        expected = ErrorCode.SANDBOX_SIGNATURE;
      }
      assertThat(code).as(c.toString()).isEqualTo(expected.name());
    }

    String log = world.log();
    assertThat(log).as(c + ": log").doesNotContain(WebhookFuzz.SECRET).doesNotContain(WebhookFuzz.SANDBOX_SECRET);
    for (String personal : c.personalData()) {
      assertThat(log).as(c + ": log leaks payer data").doesNotContain(personal);
    }
    assertThat(log).as(c + ": log").doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  }

  private void print(String stage, int cases) {
    assertThat(failures).as("failures by mutation kind").isEmpty();
    System.out.printf("webhook fuzz (%s): %d cases from %d mutation kinds, seed %d, outcomes %s%n",
        stage, cases, fuzz.mutationCount(), SEED, outcomes);
  }
}
