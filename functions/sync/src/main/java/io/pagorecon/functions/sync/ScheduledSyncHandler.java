package io.pagorecon.functions.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.aws.ApiJournals;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.DynamoDbOrderStore;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.DynamoDbSyncRuns;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.SnsPaymentNotices;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.order.OrderExpiry;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.order.PaymentAssurance;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.sync.SweepReport;
import io.pagorecon.core.sync.SyncRuns;
import io.pagorecon.core.sync.SyncSweep;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.pagoefectivo.RotatingPagoEfectivoClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SyncFunction: EventBridge Scheduler every 10 minutes runs one {@link SyncSweep} (missed-webhook
 * recovery), then exports the webhook evidence of the hours just completed ({@link EvidenceArchive}). Thin: validate the event, run the sweep, answer and log its counts. Per-CIP failures
 * are in the answer, not errors; a failure of the whole sweep throws so the Scheduler retries.
 */
public final class ScheduledSyncHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SyncSweep sweep;
  private final Optional<OrderExpiry> expiry;
  private final Clock clock;
  private final PrintStream log;
  private final InvocationJournal journal;
  private final SyncRuns runs;
  private EvidenceExport evidence = EvidenceExport.NONE;

  /**
   * The sweep, the auto-cancel when ORDER_OPEN_HOURS is above 0, the journal of their PagoEfectivo
   * calls, the hourly export of the webhook's evidence to the data bucket, and where each finished
   * run is noted for the doctor.
   */
  public record Wiring(SyncSweep sweep, Optional<OrderExpiry> expiry, InvocationJournal journal, EvidenceExport evidence, SyncRuns runs) {
    public Wiring(SyncSweep sweep, Optional<OrderExpiry> expiry, InvocationJournal journal) {
      this(sweep, expiry, journal, EvidenceExport.NONE, SyncRuns.NONE);
    }

    public Wiring(SyncSweep sweep, Optional<OrderExpiry> expiry, InvocationJournal journal, EvidenceExport evidence) {
      this(sweep, expiry, journal, evidence, SyncRuns.NONE);
    }
  }

  /** Batches the complete hours of webhook evidence into the data bucket; answers the records of the objects it wrote. */
  @FunctionalInterface
  public interface EvidenceExport {
    EvidenceExport NONE = now -> 0;

    int exportDue(java.time.Instant now);
  }

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public ScheduledSyncHandler() {
    this(wiring(System.getenv(), Clock.systemUTC()), Clock.systemUTC(), System.out);
  }

  public ScheduledSyncHandler(Wiring wiring, Clock clock, PrintStream log) {
    this(wiring.sweep(), wiring.expiry(), clock, log, wiring.journal(), wiring.runs());
    this.evidence = wiring.evidence();
  }

  public ScheduledSyncHandler(SyncSweep sweep, Clock clock, PrintStream log) {
    this(sweep, Optional.empty(), clock, log, InvocationJournal.discarding(), SyncRuns.NONE);
  }

  public ScheduledSyncHandler(SyncSweep sweep, Optional<OrderExpiry> expiry, Clock clock, PrintStream log, InvocationJournal journal,
      SyncRuns runs) {
    this.sweep = Objects.requireNonNull(sweep, "sweep");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.runs = Objects.requireNonNull(runs, "runs");
  }

  /** The no-arg constructor's wiring, from a given environment (the CLI hosts the handler locally). */
  public static Wiring wiring(Map<String, String> env, Clock clock) {
    SyncConfig config = SyncConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    InvocationJournal journal = ApiJournals.fromEnvironment(env, clients);
    CachedSecrets secrets = new CachedSecrets(new SecretsManagerSecretSource(clients.secretsManager()), clock, config.secretTtl());
    RotatingPagoEfectivoClient gateway =
        RotatingPagoEfectivoClient.fromSecret(config.pagoEfectivo(), secrets, config.secretArn(), clock, journal);
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(clients.dynamoDb(), config.paymentsTable());
    DynamoDbCipRegistry registry = new DynamoDbCipRegistry(clients.dynamoDb(), config.paymentsTable());
    BusinessCalendar calendar = new BusinessCalendar(config.businessZone());
    PaymentAssurance assurance = config.assurance().assurance(clients, config.paymentsTable(), store, config.stage(), calendar);
    PaymentRecorder recorder = new PaymentRecorder(store, config.schedule().offset(0), assurance);
    SyncSweep sweep = new SyncSweep(registry, store, recorder, gateway,
        new SnsPaymentNotices(clients.sns(), config.alertsTopicArn(), config.stage().wireName()), config.schedule(),
        calendar, config.maxPerRun());
    Optional<OrderExpiry> expiry = Optional.empty();
    if (config.autoCancel()) {
      DynamoDbOrderStore orders = new DynamoDbOrderStore(clients.dynamoDb(), config.paymentsTable());
      OrderPayments api = new OrderPayments(orders, store, registry, recorder, gateway, gateway, config.assurance().shopEvents(clients),
          calendar, OrderPayments.Settings.standard());
      expiry = Optional.of(new OrderExpiry(registry, store, orders, api, config.orderOpenFor(), config.maxPerRun()));
    }
    EvidenceArchive archive = new EvidenceArchive(clients.dynamoDb(), config.paymentsTable(), clients.s3(),
        new io.pagorecon.core.config.Environment(env).required(ApiJournals.DATA_BUCKET));
    EvidenceExport export = now -> archive.exportDue(config.stage(), now).stream()
        .filter(EvidenceArchive.Exported::written).mapToInt(EvidenceArchive.Exported::records).sum();
    return new Wiring(sweep, expiry, journal, export, new DynamoDbSyncRuns(clients.dynamoDb(), config.paymentsTable()));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local";
    String problem = problem(input.readAllBytes());
    if (problem != null) {
      ObjectNode answer = JSON.createObjectNode().put("code", ErrorCode.INVALID_FIELD.name()).put("message", problem).put("requestId", requestId);
      log.println(JSON.writeValueAsString(answer.deepCopy().put("level", "WARN").put("event", "sync_rejected")));
      output.write(JSON.writeValueAsBytes(answer));
      return;
    }
    SweepReport report;
    Optional<OrderExpiry.Report> expired;
    try {
      report = sweep.run(clock.instant());
      expired = expiry.map(e -> e.run(clock.instant()));
    } finally {
      journal.flushQuietly(requestId).ifPresent(e -> log.println(journalFailure(requestId, e)));
    }
    int exported = -1;
    try {
      exported = evidence.exportDue(clock.instant());
    } catch (RuntimeException e) {
      // the next run (10 minutes) exports the same hours again: the window covers three hours
      log.println(JSON.createObjectNode().put("level", "WARN").put("event", "evidence_export_failed")
          .put("requestId", requestId).put("reason", String.valueOf(e.getMessage())).toString());
    }
    try {
      runs.record(new SyncRuns.Run(clock.instant(), report.checked(), report.failures().size()));
    } catch (StorageException e) {
      // The sweep's work is done and stored; a missing run note only makes the doctor look sooner.
      log.println(JSON.createObjectNode().put("level", "WARN").put("event", "sync_run_not_recorded").put("requestId", requestId)
          .put("reason", e.getMessage()).toString());
    }
    ObjectNode answer = JSON.createObjectNode().put("requestId", requestId).put("checked", report.checked())
        .put("recovered", report.recovered().size()).put("unchanged", report.unchanged()).put("notFound", report.notFound())
        .put("failed", report.failures().size());
    expired.ifPresent(x -> answer.put("expiredOrders", x.expired().size()).put("expiryFailures", x.failures().size()));
    if (exported >= 0) {
      answer.put("evidenceExported", exported);
    }
    ObjectNode line = answer.deepCopy().put("level", report.failures().isEmpty() ? "INFO" : "WARN").put("event", "sync_outcome");
    // Embedded metrics: the alarms of the template watch failures and how many pending CIPs a run polls.
    line.put("stage", journal.stage().wireName()).put("syncFailures", report.failures().size()).put("pendingChecked", report.checked());
    ObjectNode aws = line.putObject("_aws").put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", "pagorecon/sync");
    directive.putArray("Dimensions").addArray().add("stage");
    directive.putArray("Metrics").addObject().put("Name", "syncFailures").put("Unit", "Count");
    ((ArrayNode) directive.get("Metrics")).addObject().put("Name", "pendingChecked").put("Unit", "Count");
    ArrayNode recovered = line.putArray("recoveredCips");
    report.recovered().forEach(r -> recovered.addObject().put("cip", r.cip()).put("from", r.from().name()).put("to", r.to().name()));
    ArrayNode failures = line.putArray("failures");
    report.failures().stream().limit(50).forEach(f -> failures.addObject().put("cip", f.cip()).put("reason", f.reason()));
    expired.ifPresent(x -> {
      ArrayNode orders = line.putArray("expiredOrderIds");
      x.expired().stream().limit(50).forEach(orders::add);
      ArrayNode failed = line.putArray("expiryFailures");
      x.failures().stream().limit(50).forEach(failed::add);
    });
    log.println(JSON.writeValueAsString(line));
    output.write(JSON.writeValueAsBytes(answer));
  }

  static String journalFailure(String requestId, RuntimeException e) {
    ObjectNode line = JSON.createObjectNode().put("level", "WARN").put("event", "journal_write_failed")
        .put("requestId", requestId).put("reason", e.getMessage());
    return line.toString();
  }

  /** Null when the event is a valid scheduler input: an object with at most {@code trigger}. */
  static String problem(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode event;
    try {
      event = JSON.readTree(body);
    } catch (IOException e) {
      return "the event is not JSON";
    }
    if (event == null || event.isNull()) {
      return null;
    }
    if (!event.isObject()) {
      return "the event must be a JSON object";
    }
    for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("trigger")) {
        return "unknown field '" + field + "' (allowed: trigger)";
      }
    }
    return null;
  }
}
