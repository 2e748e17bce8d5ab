package io.pagorecon.functions.settlement.internal;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.aws.S3DailyFiles;
import io.pagorecon.aws.S3SettlementInputs;
import io.pagorecon.aws.S3SettlementReportStore;
import io.pagorecon.aws.SnsAlertPublisher;
import io.pagorecon.core.alert.SettlementAlerts;
import io.pagorecon.core.daily.SettlementRun;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.settlement.BusinessDays;
import io.pagorecon.core.settlement.SettlementConfig;
import io.pagorecon.core.settlement.Settler;
import io.pagorecon.functions.settlement.SettlementFunctionConfig;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds SettlementFunction's object graph once per execution environment. */
public record SettlementWiring(SettlementFunctionConfig config, SettlementRun useCase, Runnable primer) {

  static final int LEDGER_WRITERS = 16;

  public static SettlementWiring fromEnvironment(Map<String, String> env) {
    SettlementFunctionConfig config = SettlementFunctionConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    String stage = config.stage().wireName();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService parsers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "settlement-parse");
      t.setDaemon(true);
      return t;
    });
    ExecutorService ledgerWriters = Executors.newFixedThreadPool(LEDGER_WRITERS, r -> {
      Thread t = new Thread(r, "settlement-ledger");
      t.setDaemon(true);
      return t;
    });
    DynamoDbLedger ledger = new DynamoDbLedger(clients.dynamoDb(), config.ledgerTable());
    S3SettlementInputs inputs = new S3SettlementInputs(clients.s3(), config.dataBucket());
    SettlementRun useCase = new SettlementRun(
        new SettlementRun.Settings(stage, SettlementFileReaders.settlementsCanonical(), config.bankFormat(), config.statementLookbackDays(), parsers, threads,
            ledgerWriters, LEDGER_WRITERS),
        new Settler(new SettlementConfig(BusinessDays.peru(), config.settleDays(), config.payoutDays(), config.fxTolerancePercent())),
        inputs,
        new S3DailyFiles(clients.s3(), config.dataBucket(), stage),
        new S3SettlementReportStore(clients.s3(), config.dataBucket(), stage),
        ledger,
        new SettlementAlerts(config.alertPolicy()),
        new SnsAlertPublisher(clients.sns(), config.alertsTopicArn()));
    // Priming before a SnapStart checkpoint: harmless reads only; nothing is written.
    Runnable primer = () -> {
      ledger.hasMarker("PRIMING#ONLY");
      inputs.feeContract();
    };
    return new SettlementWiring(config, useCase, primer);
  }
}
