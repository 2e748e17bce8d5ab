package io.pagorecon.devstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients bound to a local endpoint with dummy credentials: for provisioning and for tests'
 * own assertions. Production code builds its clients with {@code io.pagorecon.aws.AwsClients}.
 */
public final class LocalClients implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY = "testing";
  public static final String SECRET_KEY = "testing";
  /** moto's default account. */
  public static final String ACCOUNT_ID = "123456789012";

  private final URI endpoint;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final SnsClient sns;
  private final SqsClient sqs;
  private final SecretsManagerClient secretsManager;
  private final EventBridgeClient eventBridge;
  private final SchedulerClient scheduler;

  public LocalClients(URI endpoint) {
    this.endpoint = endpoint;
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    Region region = Region.of(REGION);
    dynamoDb = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
    s3 = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials).endpointOverride(endpoint)
        .forcePathStyle(true).build();
    sns = SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
    sqs = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
    secretsManager = SecretsManagerClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(endpoint).build();
    eventBridge = EventBridgeClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(endpoint).build();
    scheduler = SchedulerClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
        .endpointOverride(endpoint).build();
  }

  public URI endpoint() {
    return endpoint;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public S3Client s3() {
    return s3;
  }

  public SnsClient sns() {
    return sns;
  }

  public SqsClient sqs() {
    return sqs;
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager;
  }

  public EventBridgeClient eventBridge() {
    return eventBridge;
  }

  public SchedulerClient scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    eventBridge.close();
    scheduler.close();
    dynamoDb.close();
    s3.close();
    sns.close();
    sqs.close();
    secretsManager.close();
    http.close();
  }
}
