package io.pagorecon.functions.statement.internal;

import io.pagorecon.aws.ApiJournals;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.S3SettlementInbox;
import io.pagorecon.aws.S3StatementStore;
import io.pagorecon.aws.SnsPaymentNotices;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.functions.statement.StatementConfig;
import io.pagorecon.pagoefectivo.RotatingPagoEfectivoClient;
import java.time.Clock;
import java.util.Map;

/** Builds the statement use case on the real adapters, once per execution environment. */
/** {@code journal} holds the builder's PagoEfectivo calls until the handler flushes it. */
public record StatementWiring(StatementConfig config, StatementBuilder builder, InvocationJournal journal) {

  public static StatementWiring fromEnvironment(Map<String, String> env, Clock clock) {
    StatementConfig config = StatementConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    CachedSecrets secrets = new CachedSecrets(new SecretsManagerSecretSource(clients.secretsManager()), clock, config.secretTtl());
    InvocationJournal journal = ApiJournals.fromEnvironment(env, clients);
    RotatingPagoEfectivoClient gateway =
        RotatingPagoEfectivoClient.fromSecret(config.pagoEfectivo(), secrets, config.secretArn(), clock, journal);
    String stage = config.stage().wireName();
    SnsPaymentNotices notices = new SnsPaymentNotices(clients.sns(), config.alertsTopicArn(), stage);
    StatementBuilder builder = new StatementBuilder(
        new DynamoDbCipRegistry(clients.dynamoDb(), config.paymentsTable()), gateway,
        new S3StatementStore(clients.s3(), config.dataBucket(), stage), notices,
        new S3SettlementInbox(clients.s3(), config.dataBucket()), config.settlementMapping(),
        new BusinessCalendar(config.businessZone()), stage);
    return new StatementWiring(config, builder, journal);
  }

}
