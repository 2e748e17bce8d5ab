package io.pagorecon.aws;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one factory for AWS SDK clients: build it once per execution environment (a handler's
 * no-arg constructor) and keep it. Each client is created on first use, so a function pays only
 * for the services it calls, and needs only those services' jars on its classpath (the SDK
 * service dependencies of this module are optional).
 *
 * <p>Sync clients over {@link UrlConnectionHttpClient}; credentials from the SDK's default chain
 * (container credentials on Lambda, also under SnapStart; system properties or a profile locally).
 * The endpoint is configuration, never a code path: moto is just another endpoint.
 */
public final class AwsClients implements AutoCloseable {

  /**
   * How long a client waits: to connect, for the next bytes of an answer, for a whole call (its
   * retries included).
   */
  public record Timeouts(Duration connect, Duration socket, Duration call) {
    /** What every function uses: 2 s to connect, 10 s for the next bytes, 15 s a call. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(15));

    public Timeouts {
      for (Duration d : new Duration[] {connect, socket, call}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive: " + connect + ", " + socket + ", " + call);
        }
      }
    }

    /**
     * For a local bench against an emulator whose answers are slow (moto serialises a 1 MB page of
     * a 200,000-item partition for longer than 15 s on a loaded box): {@code socket} and {@code call}
     * both {@code wait}. Never used by a function.
     */
    public static Timeouts patient(Duration wait) {
      return new Timeouts(DEFAULT.connect(), wait, wait);
    }
  }

  private final AwsClientSettings settings;
  private final Timeouts timeouts;
  private final SdkHttpClient http;

  // Fields typed per service are fine without the service jar: the JVM resolves a type on first use.
  private volatile DynamoDbClient dynamoDb;
  private volatile S3Client s3;
  private volatile SnsClient sns;
  private volatile SqsClient sqs;
  private volatile SecretsManagerClient secretsManager;
  private volatile EventBridgeClient eventBridge;

  public AwsClients(AwsClientSettings settings) {
    this(settings, Timeouts.DEFAULT);
  }

  public AwsClients(AwsClientSettings settings, Timeouts timeouts) {
    this.settings = settings;
    this.timeouts = java.util.Objects.requireNonNull(timeouts, "timeouts");
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(timeouts.connect())
        .socketTimeout(timeouts.socket())
        .build();
  }

  /** From {@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code S3_FORCE_PATH_STYLE}; production passes {@code System.getenv()}. */
  public static AwsClients fromEnvironment(Map<String, String> env) {
    return new AwsClients(AwsClientSettings.fromEnvironment(env));
  }

  /** The same with other timeouts (a local bench only: see {@link Timeouts#patient}). */
  public static AwsClients fromEnvironment(Map<String, String> env, Timeouts timeouts) {
    return new AwsClients(AwsClientSettings.fromEnvironment(env), timeouts);
  }

  public AwsClientSettings settings() {
    return settings;
  }

  public Timeouts timeouts() {
    return timeouts;
  }

  public DynamoDbClient dynamoDb() {
    DynamoDbClient client = dynamoDb;
    if (client == null) {
      synchronized (this) {
        client = dynamoDb;
        if (client == null) {
          client = configure(DynamoDbClient.builder()).build();
          dynamoDb = client;
        }
      }
    }
    return client;
  }

  public S3Client s3() {
    S3Client client = s3;
    if (client == null) {
      synchronized (this) {
        client = s3;
        if (client == null) {
          client = configure(S3Client.builder()).forcePathStyle(settings.s3ForcePathStyle()).build();
          s3 = client;
        }
      }
    }
    return client;
  }

  public SnsClient sns() {
    SnsClient client = sns;
    if (client == null) {
      synchronized (this) {
        client = sns;
        if (client == null) {
          client = configure(SnsClient.builder()).build();
          sns = client;
        }
      }
    }
    return client;
  }

  public SqsClient sqs() {
    SqsClient client = sqs;
    if (client == null) {
      synchronized (this) {
        client = sqs;
        if (client == null) {
          client = configure(SqsClient.builder()).build();
          sqs = client;
        }
      }
    }
    return client;
  }

  public SecretsManagerClient secretsManager() {
    SecretsManagerClient client = secretsManager;
    if (client == null) {
      synchronized (this) {
        client = secretsManager;
        if (client == null) {
          client = configure(SecretsManagerClient.builder()).build();
          secretsManager = client;
        }
      }
    }
    return client;
  }

  public EventBridgeClient eventBridge() {
    EventBridgeClient client = eventBridge;
    if (client == null) {
      synchronized (this) {
        client = eventBridge;
        if (client == null) {
          client = configure(EventBridgeClient.builder()).build();
          eventBridge = client;
        }
      }
    }
    return client;
  }

  private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    builder.httpClient(http);
    builder.overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeouts.call()).build());
    settings.region().map(Region::of).ifPresent(builder::region);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /** Closes the clients created so far and the shared HTTP client. */
  @Override
  public synchronized void close() {
    closeIfCreated(dynamoDb);
    closeIfCreated(s3);
    closeIfCreated(sns);
    closeIfCreated(sqs);
    closeIfCreated(secretsManager);
    closeIfCreated(eventBridge);
    http.close();
  }

  private static void closeIfCreated(AutoCloseable client) {
    if (client == null) {
      return;
    }
    try {
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + client.getClass().getSimpleName() + " failed", e);
    }
  }
}
