package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.SigningKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.fixtures.InMemoryEvidenceStore;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Load at concurrency 32 (5,000 notifications in CI, where it took ~170 s of the suite at 20,000;
 * the full size is {@code -Dload.notifications=20000}), over real HTTP through {@code
 * LocalHttpApi} into the real handler, with in-memory storage (same all-or-nothing and
 * optimistic-lock semantics as DynamoDB): nothing lost, nothing applied twice, every evidence
 * object present. The same run against moto is {@link WebhookLoadIT}. An integration test (it runs
 * about a minute of real HTTP), so it runs with the ITs, not with the unit tests.
 */
class WebhookLoadInMemoryIT {

  static final int NOTIFICATIONS = Integer.getInteger("load.notifications", 5_000);
  static final int CONCURRENCY = 32;

  @Test
  void webhook_shouldLoseNothingAndApplyNothingTwice_underConcurrentLoad() throws Exception {
    InMemoryPaymentStore store = new InMemoryPaymentStore();
    InMemoryEvidenceStore evidence = new InMemoryEvidenceStore();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    WebhookIngest ingest = new WebhookIngest(Stage.SANDBOX, () -> new SigningKeys(LoadDriver.SECRET, Optional.empty()), evidence, store,
        new PaymentRecorder(store, Duration.ofMinutes(15)), BusinessCalendar.lima());
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(ingest, Stage.SANDBOX, Clock.systemUTC(),
        new PrintStream(logs, true, StandardCharsets.UTF_8), () -> {});

    LoadDriver.Result result = LoadDriver.run(LoadDriver.plan(NOTIFICATIONS, 8L), CONCURRENCY, event -> handler.handleRequest(event, null));
    LoadDriver.write("load-in-memory.txt", result.report("in-memory storage", CONCURRENCY));

    result.assertAnsweredOncePerFact();
    for (String cip : result.cips()) {
      CipPayment state = store.find(cip).orElseThrow();
      assertThat(state.state()).as(cip).isEqualTo(PaymentState.PAID);
      assertThat(state.version()).as(cip + ": state writes").isEqualTo(result.accepted(cip));
    }
    assertThat(store.stateWrites()).hasSize((int) result.cips().stream().mapToLong(result::accepted).sum());
    Map<String, Integer> perFact = result.deliveriesPerFact();
    assertThat(store.facts()).hasSize(perFact.size());
    Set<String> evidenceKeys = store.facts().stream().map(PaymentFact::evidenceKey).map(Optional::orElseThrow).collect(Collectors.toSet());
    // every fact's evidence; a duplicate delivered in a later hour is a second record of the same bytes, never another body
    assertThat(evidence.objects().keySet()).as("every evidence record").containsAll(evidenceKeys);
    Map<String, String> bodies = result.bodyPerFact();
    evidence.objects().forEach((key, object) -> {
      String id = key.substring(key.indexOf('#') + 1);
      String fact = id.substring(0, id.indexOf('/')) + "|" + id.substring(id.indexOf('/') + 1, id.lastIndexOf('-'));
      assertThat(new String(object.body(), StandardCharsets.UTF_8)).as(key).isEqualTo(bodies.get(fact));
    });
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(LoadDriver.SECRET).doesNotContain("@example.pe");
  }
}
