package io.pagorecon.functions.statement.internal;

import io.pagorecon.aws.ApiJournals;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.S3SettlementInbox;
import io.pagorecon.aws.S3SliceStore;
import io.pagorecon.aws.S3StatementStore;
import io.pagorecon.aws.SnsPaymentNotices;
import io.pagorecon.aws.SqsSliceQueue;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.statement.SliceQueue;
import io.pagorecon.core.statement.SlicedStatement;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.functions.statement.StatementConfig;
import io.pagorecon.pagoefectivo.RotatingPagoEfectivoClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the statement use case on the real adapters, once per execution environment. {@code
 * journal} holds the builder's PagoEfectivo calls until the handler flushes it; {@code sliced} is
 * present when the template gives a slice queue (the planner) or for a slice worker.
 */
public record StatementWiring(StatementConfig config, StatementBuilder builder, InvocationJournal journal, Optional<SlicedStatement> sliced) {

  /** StatementFunction: the whole allowed rate; plans slices when a slice queue is configured. */
  public static StatementWiring fromEnvironment(Map<String, String> env, Clock clock) {
    return fromEnvironment(env, clock, AwsClients.fromEnvironment(env));
  }

  /** The same on given clients (a local bench gives clients with longer timeouts: {@link AwsClients.Timeouts#patient}). */
  public static StatementWiring fromEnvironment(Map<String, String> env, Clock clock, AwsClients clients) {
    return wire(StatementConfig.fromEnvironment(env), env, clock, false, clients);
  }

  /** StatementSliceFunction: one slice's share of the allowed rate and calls in flight. */
  public static StatementWiring forSlices(Map<String, String> env, Clock clock) {
    return forSlices(env, clock, AwsClients.fromEnvironment(env));
  }

  /** The same on given clients. */
  public static StatementWiring forSlices(Map<String, String> env, Clock clock, AwsClients clients) {
    return wire(StatementConfig.fromEnvironment(env).sliceShare(), env, clock, true, clients);
  }

  private static StatementWiring wire(StatementConfig config, Map<String, String> env, Clock clock, boolean worker, AwsClients clients) {
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
    StatementConfig.Slicing slicing = config.slicing();
    Optional<SliceQueue> queue = slicing.queueUrl().map(url -> new SqsSliceQueue(clients.sqs(), url));
    Optional<SlicedStatement> sliced = worker || queue.isPresent()
        ? Optional.of(new SlicedStatement(builder, new S3SliceStore(clients.s3(), config.dataBucket(), stage),
            queue.orElse((date, runId, slices) -> {
              throw new IllegalStateException("a slice worker plans no slices");
            }),
            new SlicedStatement.Settings(slicing.sliceCips(), slicing.concurrency())))
        : Optional.empty();
    return new StatementWiring(config, builder, journal, sliced);
  }
}
