package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** The real template.yaml, created in moto: everything must match the template's own definitions. */
@MotoStack
class StackProvisionerIT {

  private final StackTemplate template = StackTemplate.locate();

  @Test
  @SuppressWarnings("unchecked")
  void provision_shouldCreateEveryTableWithTemplateKeysIndexesTtlAndPitr(AwsTestEnvironment aws) {
    List<Resource> tables = template.resourcesOfType("AWS::DynamoDB::Table");
    assertThat(tables).extracting(Resource::logicalId).contains("PaymentsTable", "LedgerTable");
    for (Resource table : tables) {
      String name = aws.ref(table.logicalId());
      TableDescription described = aws.clients().dynamoDb().describeTable(d -> d.tableName(name)).table();

      assertThat(keys(described.keySchema())).isEqualTo(keys((List<Map<String, Object>>) table.properties().get("KeySchema")));
      List<Map<String, Object>> gsis = (List<Map<String, Object>>) table.properties().getOrDefault("GlobalSecondaryIndexes", List.of());
      Map<String, String> describedGsis = described.globalSecondaryIndexes().stream()
          .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, g -> keys(g.keySchema())));
      Map<String, String> templateGsis = gsis.stream()
          .collect(Collectors.toMap(g -> (String) g.get("IndexName"), g -> keys((List<Map<String, Object>>) g.get("KeySchema"))));
      assertThat(describedGsis).isEqualTo(templateGsis);
      described.globalSecondaryIndexes().forEach(g -> assertThat(g.projection().projectionTypeAsString())
          .isEqualTo(gsis.stream().filter(t -> t.get("IndexName").equals(g.indexName())).findFirst()
              .map(t -> ((Map<String, Object>) t.get("Projection")).get("ProjectionType")).orElseThrow()));

      Map<String, Object> ttl = (Map<String, Object>) table.properties().get("TimeToLiveSpecification");
      if (ttl != null) {
        var described_ttl = aws.clients().dynamoDb().describeTimeToLive(d -> d.tableName(name)).timeToLiveDescription();
        assertThat(described_ttl.attributeName()).isEqualTo(ttl.get("AttributeName"));
        assertThat(described_ttl.timeToLiveStatusAsString()).isEqualTo("ENABLED");
      }
      var backups = aws.clients().dynamoDb().describeContinuousBackups(d -> d.tableName(name)).continuousBackupsDescription();
      assertThat(backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
    }
  }

  @Test
  void provision_shouldGivePaymentsTableTheDataModelTtlAttribute(AwsTestEnvironment aws) {
    var ttl = aws.clients().dynamoDb().describeTimeToLive(d -> d.tableName(aws.ref("PaymentsTable"))).timeToLiveDescription();

    assertThat(ttl.attributeName()).isEqualTo("ttl");
  }

  @Test
  void provision_shouldCreateVersionedBuckets(AwsTestEnvironment aws) {
    for (Resource bucket : template.resourcesOfType("AWS::S3::Bucket")) {
      String name = aws.ref(bucket.logicalId());

      assertThat(aws.clients().s3().getBucketVersioning(v -> v.bucket(name)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }
  }

  @Test
  void provision_shouldStoreTheDataBucketLifecycleWithRetentionDaysAndPublicAccessBlock(AwsTestEnvironment aws) {
    String bucket = aws.ref("DataBucket");
    var rules = aws.clients().s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules();
    var block = aws.clients().s3().getPublicAccessBlock(g -> g.bucket(bucket)).publicAccessBlockConfiguration();

    assertThat(rules).anySatisfy(r -> assertThat(r.expiration().days())
        .isEqualTo(Integer.valueOf(aws.stack().parameters().get("RetentionDays")))
        .isGreaterThanOrEqualTo(90));
    assertThat(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls() && block.restrictPublicBuckets())
        .isTrue();
  }

  @Test
  void provision_shouldCreateTopicsAndSecrets(AwsTestEnvironment aws) {
    var topics = aws.clients().sns().listTopics().topics();
    for (Resource topic : template.resourcesOfType("AWS::SNS::Topic")) {
      assertThat(topics).anySatisfy(t -> assertThat(t.topicArn()).isEqualTo(aws.ref(topic.logicalId())));
    }
    for (Resource secret : template.resourcesOfType("AWS::SecretsManager::Secret")) {
      String value = aws.clients().secretsManager().getSecretValue(g -> g.secretId(aws.ref(secret.logicalId()))).secretString();
      assertThat(value).isEqualTo(secret.properties().get("SecretString"));
    }
  }

  @Test
  void functionEnvironment_shouldResolveTemplateRefsToProvisionedNames(AwsTestEnvironment aws) {
    Map<String, String> env = aws.functionEnvironment("WebhookFunction");

    assertThat(env).containsEntry("PAYMENTS_TABLE", aws.ref("PaymentsTable"))
        .containsEntry("DATA_BUCKET", aws.ref("DataBucket"))
        .containsEntry("PAGOEFECTIVO_SECRET_ARN", aws.stack().arn("PagoEfectivoSecret"))
        .containsEntry("STAGE", "sandbox")
        .containsEntry("AWS_ENDPOINT_URL", aws.endpoint().toString())
        .containsEntry("S3_FORCE_PATH_STYLE", "true");
    assertThat(env.get("PAGOEFECTIVO_SECRET_ARN")).startsWith("arn:aws:secretsmanager:");
  }

  @Test
  void functionProcessEnvironment_shouldAddDummyCredentialsForAChildProcess(AwsTestEnvironment aws) {
    Map<String, String> env = aws.stack().functionProcessEnvironment("WebhookFunction");

    assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY)
        .containsEntry("AWS_EC2_METADATA_DISABLED", "true")
        .containsAllEntriesOf(aws.functionEnvironment("WebhookFunction"));
  }

  @Test
  void putSecret_shouldReplaceTheSecretValue(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "{\"secretKey\":\"SECRETKEYEXAMPLE\"}");

    assertThat(aws.clients().secretsManager().getSecretValue(g -> g.secretId(aws.ref("PagoEfectivoSecret"))).secretString())
        .isEqualTo("{\"secretKey\":\"SECRETKEYEXAMPLE\"}");
  }

  @Test
  void beforeEach_shouldResetMoto_soWritesOfOneTestAreGoneInTheNext_part1(AwsTestEnvironment aws) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key("leftover"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).keyCount()).isEqualTo(1);
  }

  @Test
  void beforeEach_shouldResetMoto_soWritesOfOneTestAreGoneInTheNext_part2(AwsTestEnvironment aws) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key("leftover"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).keyCount()).isEqualTo(1);
  }

  @Test
  @MotoStack(stage = "production")
  void provision_shouldUseTheStageOfTheMethodAnnotation(AwsTestEnvironment aws) {
    assertThat(aws.stack().stage()).isEqualTo("production");
    assertThat(aws.functionEnvironment("WebhookFunction")).containsEntry("STAGE", "production");
    assertThat(aws.ref("PaymentsTable")).endsWith("-production");
  }

  private static String keys(List<?> schema) {
    return schema.stream()
        .map(k -> k instanceof KeySchemaElement e ? e.attributeName() + ":" + e.keyTypeAsString()
            : ((Map<?, ?>) k).get("AttributeName") + ":" + ((Map<?, ?>) k).get("KeyType"))
        .collect(Collectors.joining(","));
  }
}
