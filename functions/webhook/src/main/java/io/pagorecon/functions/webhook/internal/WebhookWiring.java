package io.pagorecon.functions.webhook.internal;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbEvidenceStore;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.aws.S3EvidenceStore;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.order.PaymentAssurance;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.NotificationParser;
import io.pagorecon.core.webhook.SecretSigningSecrets;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.core.webhook.WebhookIngest;
import io.pagorecon.functions.webhook.WebhookConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Builds WebhookFunction's object graph once per execution environment. */
public record WebhookWiring(WebhookConfig config, WebhookIngest ingest, Runnable primer) {

  /** When the sync job first looks at a CIP a webhook left open (e.g. after {@code cip.expired}). */
  public static final Duration FIRST_CHECK_DELAY = Duration.ofMinutes(15);

  private static final byte[] CANNED = ("{\"eventType\":\"cip.paid\",\"operationNumber\":\"1\",\"data\":{\"cip\":\"1\","
      + "\"currency\":\"PEN\",\"amount\":1.00,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"PRIME\"}}")
      .getBytes(StandardCharsets.UTF_8);

  public static WebhookWiring fromEnvironment(Map<String, String> env, Clock clock) {
    WebhookConfig config = WebhookConfig.fromEnvironment(env);
    AwsClients clients = AwsClients.fromEnvironment(env);
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(clients.dynamoDb(), config.paymentsTable());
    S3EvidenceStore objects = new S3EvidenceStore(clients.s3(), config.dataBucket());
    // verified notifications: an evidence item, batched to the bucket hourly by SyncFunction; rejected ones: an object each
    EvidenceItems evidenceItems = new EvidenceItems(clients.dynamoDb(), config.paymentsTable());
    DynamoDbEvidenceStore evidence = new DynamoDbEvidenceStore(evidenceItems, objects, clock);
    SecretsManagerSecretSource secretSource = new SecretsManagerSecretSource(clients.secretsManager());
    CachedSecrets secrets = new CachedSecrets(secretSource, clock, config.secretTtl());
    BusinessCalendar calendar = new BusinessCalendar(config.businessZone());
    PaymentAssurance assurance = config.assurance().assurance(clients, config.paymentsTable(), store, config.stage(), calendar);
    WebhookIngest ingest = new WebhookIngest(
        config.stage(),
        new SecretSigningSecrets(secrets, config.secretArn()),
        evidence,
        store,
        new PaymentRecorder(store, FIRST_CHECK_DELAY, assurance),
        calendar,
        assurance::sandboxSigned);
    // Priming before a SnapStart checkpoint: load and JIT the hot path with harmless work only
    // (a read of a CIP that cannot exist, a conditional PutItem and UpdateItem that DynamoDB refuses,
    // a conditional S3 put that S3 refuses before storing, a
    // secret read of a version that cannot exist, a parse and an HMAC under a throwaway key); no
    // secret is read and nothing is written, so neither is baked into the snapshot.
    Runnable primer = () -> {
      store.find("0");
      // the single-write path: a put and an update that DynamoDB refuses on their conditions (no item "0" exists)
      evidenceItems.prime(CANNED);
      store.requestCheck("0", clock.instant());
      objects.prime(CANNED);
      secretSource.prime(config.secretArn());
      Signatures.verify("priming-only-key", CANNED, Signatures.hmacSha256Hex("priming-only-key", CANNED));
      try {
        new NotificationParser().parse(CANNED);
      } catch (io.pagorecon.core.webhook.InvalidNotificationException e) {
        throw new IllegalStateException("the canned priming notification no longer parses", e);
      }
    };
    return new WebhookWiring(config, ingest, primer);
  }
}
