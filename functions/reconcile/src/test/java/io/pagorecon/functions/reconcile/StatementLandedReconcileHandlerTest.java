package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.daily.DailyReconciliation;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.fixtures.InMemoryAlertPublisher;
import io.pagorecon.fixtures.InMemoryDailyFiles;
import io.pagorecon.fixtures.InMemoryLedger;
import io.pagorecon.fixtures.InMemoryReportStore;
import io.pagorecon.fixtures.InMemoryWebhookLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler over the sample events in events/, with in-memory ports (no AWS). */
class StatementLandedReconcileHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId LIMA = ZoneId.of("America/Lima");

  private final InMemoryAlertPublisher publisher = new InMemoryAlertPublisher();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  private StatementLandedReconcileHandler handler() {
    DailyReconciliation useCase = new DailyReconciliation(
        new DailyReconciliation.Settings("sandbox", LIMA, Optional.empty(), OrdersFormat.CANONICAL, 0, Runnable::run, 1, Runnable::run, 1),
        new Reconciler(ReconcileConfig.defaults()), new InMemoryDailyFiles(), new InMemoryWebhookLog(), new InMemoryReportStore(),
        new InMemoryLedger(), new ReconcileAlerts(AlertPolicy.defaults()), publisher);
    // 05:00 Lima on the 16th: "yesterday" is the 15th.
    Clock clock = Clock.fixed(Instant.parse("2024-01-16T10:00:00Z"), ZoneOffset.UTC);
    return new StatementLandedReconcileHandler(useCase, Stage.SANDBOX, LIMA, clock, new PrintStream(logs, true, StandardCharsets.UTF_8));
  }

  private JsonNode invoke(String eventFile) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
      assertThat(in).as(eventFile).isNotNull();
      handler().handleRequest(in, out, null);
    }
    return JSON.readTree(out.toByteArray());
  }

  @ParameterizedTest
  @CsvSource({
    "eventbridge-statement-manifest-created.json, statement_landed",
    "ondemand-reconcile.json, on_demand",
    "scheduler-reconcile-yesterday.json, schedule"
  })
  void validEvents_shouldRunTheDayTheyName(String file, String trigger) throws IOException {
    JsonNode answer = invoke(file);

    assertThat(answer.path("businessDate").asText()).isEqualTo("2024-01-15");
    // Nothing is in the fakes: the run reports the missing inputs and alerts once.
    assertThat(answer.path("outcome").asText()).isEqualTo("MISSING_INPUT");
    assertThat(answer.path("alerted").asBoolean()).isTrue();
    assertThat(publisher.published()).hasSize(1);
    JsonNode line = JSON.readTree(logs.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.path("function").asText()).isEqualTo("reconcile");
    assertThat(line.path("trigger").asText()).isEqualTo(trigger);
  }

  @ParameterizedTest
  @CsvSource({
    "eventbridge-statement-manifest-created-other-stage.json, INVALID_FIELD, stage production",
    "eventbridge-statement-manifest-created-not-manifest.json, INVALID_FIELD, not a statement manifest",
    "ondemand-reconcile-bad-date.json, INVALID_FIELD, not a date",
    "scheduler-reconcile-unknown-trigger.json, INVALID_FIELD, trigger must be"
  })
  void invalidTwins_shouldBeRejectedWithAStableCodeAndRunNothing(String file, String code, String message) throws IOException {
    JsonNode answer = invoke(file);

    assertThat(answer.path("code").asText()).isEqualTo(code);
    assertThat(answer.path("message").asText()).contains(message);
    assertThat(answer.has("outcome")).isFalse();
    assertThat(publisher.published()).isEmpty();
  }
}
