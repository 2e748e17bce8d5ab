package io.pagorecon.functions.reconcile.internal;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.aws.DynamoDbWebhookLog;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.S3DailyFiles;
import io.pagorecon.aws.S3LookbackIndexStore;
import io.pagorecon.aws.S3ReportStore;
import io.pagorecon.aws.SnsAlertPublisher;
import io.pagorecon.core.alert.ReconcileAlerts;
import io.pagorecon.core.daily.DailyReconciliation;
import io.pagorecon.core.reconcile.ReconcileConfig;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.functions.reconcile.ReconcileFunctionConfig;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds ReconcileFunction's object graph once per execution environment. */
public record ReconcileWiring(ReconcileFunctionConfig config, DailyReconciliation useCase, Runnable primer) {

  static final int LEDGER_WRITERS = 16;

  public static ReconcileWiring fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, java.time.Clock.systemUTC());
  }

  /** @param clock what "now" is for the webhook log (which receipt hours are still items, which are batches) */
  public static ReconcileWiring fromEnvironment(Map<String, String> env, java.time.Clock clock) {
    ReconcileFunctionConfig config = ReconcileFunctionConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    String stage = config.stage().wireName();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    // Parsing threads for the CSV readers; daemon, so they never keep the runtime alive.
    ExecutorService parsers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "reconcile-parse");
      t.setDaemon(true);
      return t;
    });
    // Ledger writes are bound by DynamoDB latency, not CPU: several in flight at once.
    ExecutorService ledgerWriters = Executors.newFixedThreadPool(LEDGER_WRITERS, r -> {
      Thread t = new Thread(r, "reconcile-ledger");
      t.setDaemon(true);
      return t;
    });
    ReconcileConfig engine = new ReconcileConfig(new BusinessCalendar(config.businessZone()), config.lateWebhookAfter(), config.openOrderFor());
    // New entries carry their category's owner (CATEGORY_OWNERS, docs/runbook.md).
    io.pagorecon.core.ledger.Ledger ledger = io.pagorecon.core.ledger.CategoryOwners
        .parse(env.getOrDefault(ReconcileFunctionConfig.CATEGORY_OWNERS, "")).assigning(new DynamoDbLedger(clients.dynamoDb(), config.ledgerTable()));
    S3DailyFiles files = new S3DailyFiles(clients.s3(), config.dataBucket(), stage);
    DailyReconciliation useCase = new DailyReconciliation(
        new DailyReconciliation.Settings(stage, config.businessZone(), config.sellerZone(), config.ordersFormat(), config.ordersLookbackDays(),
            parsers, threads, ledgerWriters, LEDGER_WRITERS),
        new Reconciler(engine),
        files,
        new DynamoDbWebhookLog(clients.dynamoDb(), config.paymentsTable(),
            new EvidenceArchive(clients.dynamoDb(), config.paymentsTable(), clients.s3(), config.dataBucket()),
            config.stage(), config.businessZone(), clock),
        new S3ReportStore(clients.s3(), config.dataBucket(), stage),
        ledger,
        new ReconcileAlerts(config.alertPolicy()),
        new SnsAlertPublisher(clients.sns(), config.alertsTopicArn()),
        new S3LookbackIndexStore(clients.s3(), config.dataBucket(), stage));
    // Priming before a SnapStart checkpoint: harmless reads only (a marker and a statement that
    // cannot exist), so the clients and their marshallers are loaded; nothing is written.
    Runnable primer = () -> {
      ledger.hasMarker("PRIMING#ONLY");
      files.statement(java.time.LocalDate.of(2000, 1, 1));
    };
    return new ReconcileWiring(config, useCase, primer);
  }
}
