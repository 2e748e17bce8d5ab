package io.pagorecon.functions.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.sync.CheckSchedule;
import io.pagorecon.core.sync.SyncRuns;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduledSyncHandlerTest {

  static final Instant T0 = Instant.parse("2024-01-15T15:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryPaymentStore store = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final PaymentRecorder recorder = new PaymentRecorder(store, Duration.ofMinutes(10));
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final ScheduledSyncHandler handler = new ScheduledSyncHandler(
      new SyncSweep(store, store, recorder, gateway, r -> { }, CheckSchedule.standard(), BusinessCalendar.lima(), 100),
      Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC), new PrintStream(logs, true, StandardCharsets.UTF_8));

  @Test
  void handleRequest_shouldReportRecoveredCips_forTheSchedulerEvent() throws Exception {
    recorder.record(new PaymentFact("1001", PaymentEvent.CREATED, "api:CREATED", Source.API, T0, LocalDate.of(2024, 1, 15),
        Optional.of(Money.of("5.00", Currency.PEN)), Optional.of("ORD-1"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()));
    gateway.put(new GatewayCip("1001", PaymentState.PAID, 23, "Cancelado", Optional.of(Money.of("5.00", Currency.PEN)),
        Optional.of("ORD-1"), Optional.empty(), Optional.empty(), Optional.of(OffsetDateTime.parse("2024-01-15T10:04:00-05:00")), Optional.empty()));

    JsonNode answer = invoke("scheduler-sync.json");

    assertThat(answer.get("checked").asInt()).isEqualTo(1);
    assertThat(answer.get("recovered").asInt()).isEqualTo(1);
    JsonNode line = JSON.readTree(logs.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.at("/recoveredCips/0/cip").asText()).isEqualTo("1001");
    assertThat(line.at("/recoveredCips/0/to").asText()).isEqualTo("PAID");
    // The embedded metrics the template's SyncFailuresAlarm and WebhookSilenceAlarm read.
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("pagorecon/sync");
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Dimensions/0/0").asText()).isEqualTo("stage");
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics")).extracting(m -> m.get("Name").asText())
        .containsExactly("syncFailures", "pendingChecked");
    assertThat(line.get("pendingChecked").asInt()).isEqualTo(1);
    assertThat(line.get("syncFailures").asInt()).isZero();
    String template = java.nio.file.Files.readString(io.pagorecon.devstack.StackTemplate.locate().path());
    assertThat(template).contains("Namespace: pagorecon/sync\n              MetricName: pendingChecked")
        .contains("Namespace: pagorecon/sync\n              MetricName: syncFailures");
  }

  @Test
  void handleRequest_shouldNoteEachFinishedRun_andSurviveAFailedNote() throws Exception {
    java.util.List<SyncRuns.Run> noted = new java.util.ArrayList<>();
    Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    SyncSweep sweep = new SyncSweep(store, store, recorder, gateway, r -> { }, CheckSchedule.standard(), BusinessCalendar.lima(), 100);
    SyncRuns notes = new SyncRuns() {
      @Override
      public void record(Run run) {
        noted.add(run);
      }

      @Override
      public Optional<Run> last() {
        return noted.isEmpty() ? Optional.empty() : Optional.of(noted.get(noted.size() - 1));
      }
    };
    recorder.record(new PaymentFact("1002", PaymentEvent.CREATED, "api:CREATED", Source.API, T0, LocalDate.of(2024, 1, 15),
        Optional.of(Money.of("5.00", Currency.PEN)), Optional.of("ORD-2"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()));

    new ScheduledSyncHandler(sweep, Optional.empty(), clock, new PrintStream(logs, true, StandardCharsets.UTF_8),
        io.pagorecon.core.journal.InvocationJournal.discarding(), notes)
        .handleRequest(new java.io.ByteArrayInputStream("{\"trigger\":\"schedule\"}".getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(), null);

    assertThat(noted).hasSize(1);
    assertThat(noted.get(0).finishedAt()).isEqualTo(clock.instant());
    assertThat(noted.get(0).checked()).isEqualTo(1);

    SyncRuns broken = new SyncRuns() {
      @Override
      public void record(Run run) {
        throw new io.pagorecon.core.payment.StorageException("table unavailable", new RuntimeException());
      }

      @Override
      public Optional<Run> last() {
        return Optional.empty();
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ScheduledSyncHandler(sweep, Optional.empty(), clock, new PrintStream(logs, true, StandardCharsets.UTF_8),
        io.pagorecon.core.journal.InvocationJournal.discarding(), broken)
        .handleRequest(new java.io.ByteArrayInputStream(new byte[0]), out, null);

    JsonNode answer = JSON.readTree(out.toByteArray());
    assertThat(answer.has("checked")).as(answer.toString()).isTrue();
    assertThat(answer.has("code")).as(answer.toString()).isFalse();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"event\":\"sync_run_not_recorded\"");
  }

  @Test
  void handleRequest_shouldRefuseUnknownFields_withoutSweeping() throws Exception {
    JsonNode answer = invoke("scheduler-sync-invalid.json");

    assertThat(answer.get("code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(gateway.searches()).isEmpty();
  }

  @Test
  void config_shouldNameTheBadVariable() {
    Map<String, String> env = Map.of("PAYMENTS_TABLE", "t", "ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t", "PAGOEFECTIVO_SECRET_ARN", "s",
        "STAGE", "sandbox", "SYNC_CHECK_OFFSETS", "1h,10m");
    assertThatThrownBy(() -> SyncConfig.fromEnvironment(env)).hasMessageContaining("SYNC_CHECK_OFFSETS");
    Map<String, String> production = Map.of("PAYMENTS_TABLE", "t", "ALERTS_TOPIC_ARN", "a", "PAGOEFECTIVO_SECRET_ARN", "s",
        "STAGE", "production", "LEDGER_TABLE", "l", "SHOP_EVENT_BUS", "b");
    SyncConfig config = SyncConfig.fromEnvironment(production);
    assertThat(config.pagoEfectivo().baseUrl().getHost()).isEqualTo("services.pagoefectivo.pe");
    assertThat(config.orderOpenFor()).isEqualTo(java.time.Duration.ofHours(24));
    Map<String, String> disabled = new java.util.HashMap<>(production);
    disabled.put("ORDER_OPEN_HOURS", "0");
    assertThat(SyncConfig.fromEnvironment(disabled).autoCancel()).isFalse();
    disabled.put("ORDER_OPEN_HOURS", "-1");
    assertThatThrownBy(() -> SyncConfig.fromEnvironment(disabled)).hasMessageContaining("ORDER_OPEN_HOURS");
    Map<String, String> noBus = new java.util.HashMap<>(production);
    noBus.remove("SHOP_EVENT_BUS");
    assertThatThrownBy(() -> SyncConfig.fromEnvironment(noBus)).hasMessageContaining("SHOP_EVENT_BUS");
  }

  @Test
  void handleRequest_shouldExportTheEvidenceAfterTheSweep_andSurviveItsFailure() throws Exception {
    SyncSweep sweep = new SyncSweep(store, store, recorder, gateway, r -> { }, CheckSchedule.standard(), BusinessCalendar.lima(), 100);
    Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    java.util.List<Instant> asked = new java.util.ArrayList<>();
    ScheduledSyncHandler exporting = new ScheduledSyncHandler(new ScheduledSyncHandler.Wiring(sweep, Optional.empty(),
        io.pagorecon.core.journal.InvocationJournal.discarding(), now -> {
          asked.add(now);
          return 3;
        }), clock, new PrintStream(logs, true, StandardCharsets.UTF_8));
    ScheduledSyncHandler failing = new ScheduledSyncHandler(new ScheduledSyncHandler.Wiring(sweep, Optional.empty(),
        io.pagorecon.core.journal.InvocationJournal.discarding(), now -> {
          throw new io.pagorecon.core.payment.StorageException("data bucket: writing the evidence batch x failed", null);
        }), clock, new PrintStream(logs, true, StandardCharsets.UTF_8));

    assertThat(invoke(exporting, "scheduler-sync.json").get("evidenceExported").asInt()).isEqualTo(3);
    assertThat(asked).containsExactly(clock.instant());
    JsonNode afterFailure = invoke(failing, "scheduler-sync.json");

    // the sweep's answer stands; the next run (10 minutes) exports the same hours
    assertThat(afterFailure.get("checked").asInt()).isZero();
    assertThat(afterFailure.has("evidenceExported")).isFalse();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"event\":\"evidence_export_failed\"");
  }

  private JsonNode invoke(ScheduledSyncHandler h, String eventFile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
      h.handleRequest(in, out, null);
    }
    return JSON.readTree(out.toByteArray());
  }

  private JsonNode invoke(String eventFile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = getClass().getResourceAsStream("/events/" + eventFile)) {
      handler.handleRequest(in, out, null);
    }
    return JSON.readTree(out.toByteArray());
  }
}
