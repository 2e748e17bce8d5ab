package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The production factory, configured only by the environment the template gives a function, reaches moto. */
@MotoStack
class AwsClientsIT {

  @Test
  void clients_shouldReachTheStack_withOnlyTheFunctionEnvironment(AwsTestEnvironment aws) {
    Map<String, String> env = aws.functionEnvironment("WebhookFunction");
    try (AwsClients clients = AwsClients.fromEnvironment(env)) {
      String table = env.get("PAYMENTS_TABLE");
      String bucket = env.get("DATA_BUCKET");

      clients.dynamoDb().putItem(p -> p.tableName(table)
          .item(Map.of("pk", AttributeValue.fromS("CIP#1"), "sk", AttributeValue.fromS("STATE"))));
      clients.s3().putObject(p -> p.bucket(bucket).key("raw/a.json"), RequestBody.fromString("{\"a\":1}"));

      assertThat(aws.clients().dynamoDb().getItem(g -> g.tableName(table)
          .key(Map.of("pk", AttributeValue.fromS("CIP#1"), "sk", AttributeValue.fromS("STATE")))).hasItem()).isTrue();
      assertThat(aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key("raw/a.json")).asUtf8String())
          .isEqualTo("{\"a\":1}");
    }
  }
}
