package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The handler wired from the template's environment, in process, against moto. */
@MotoStack
class CipNotificationWebhookHandlerIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SECRET_JSON =
      "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\",\"sandboxSecretKey\":\"SANDBOXKEYEXAMPLE\"}";

  static List<S3Object> objects(AwsTestEnvironment aws, String prefix) {
    return aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix(prefix)).contents();
  }

  @Test
  void handle_shouldStorePaymentAndEvidenceBytes_whenNotificationIsValid(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", SECRET_JSON);
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(aws.functionEnvironment("WebhookFunction"));
    APIGatewayV2HTTPEvent event = Events.load("apigw-cip-paid-base64.json");

    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.getBody()).get("code").asText()).isEqualTo("ACCEPTED");
    Map<String, AttributeValue> state = aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("PaymentsTable")).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("CIP#11546901"), "sk", AttributeValue.fromS("STATE")))).item();
    assertThat(state.get("state").s()).isEqualTo("PAID");
    String key = state.get("facts").m().get("cip.paid").m().get("evidenceKey").s();
    assertThat(key).startsWith("evidence/sandbox/batches/").contains(".jsonl.gz#11546901/cip.paid-");
    byte[] stored = new io.pagorecon.aws.EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(),
        aws.ref("DataBucket")).read(key).orElseThrow().body();
    assertThat(stored).isEqualTo(Events.load("apigw-cip-paid.json").getBody().getBytes(StandardCharsets.UTF_8));
    assertThat(objects(aws, "")).as("no object per notification: the hourly export writes the batch").isEmpty();
  }

  @Test
  @MotoStack(stage = "production")
  void handle_shouldRejectAndFlag_whenSandboxSignedNotificationReachesProduction(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", SECRET_JSON);
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(aws.functionEnvironment("WebhookFunction"));

    APIGatewayV2HTTPResponse response = handler.handleRequest(Events.load("apigw-cip-paid-sandbox-signature.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.getBody()).get("code").asText()).isEqualTo("SANDBOX_SIGNATURE");
    assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("PaymentsTable"))).items()).as("no evidence item").isEmpty();
    List<S3Object> rejected = objects(aws, "rejected/production/");
    assertThat(rejected).hasSize(1);
    Map<String, String> metadata = aws.clients().s3().headObject(h -> h.bucket(aws.ref("DataBucket")).key(rejected.get(0).key())).metadata();
    assertThat(metadata).containsEntry("rejected-for", "SANDBOX_SIGNATURE");
    assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("PaymentsTable"))).items()).isEmpty();
  }

  @Test
  void handle_shouldAnswer503_whenTheSecretHasNoSigningKey(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"A\",\"idService\":\"1035\"}");
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(aws.functionEnvironment("WebhookFunction"));

    APIGatewayV2HTTPResponse response = handler.handleRequest(Events.load("apigw-cip-paid.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(JSON.readTree(response.getBody()).get("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
    assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("PaymentsTable"))).items()).isEmpty();
  }

  @Test
  void beforeCheckpoint_shouldPrimeWithoutReadingTheSecret(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", "not json: priming must not read it");
    CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(aws.functionEnvironment("WebhookFunction"));

    handler.beforeCheckpoint(null);

    // the S3 primer's conditional put was refused: nothing written
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).contents()).isEmpty();
    // and so were the DynamoDB primers' conditional put (evidence item) and update (requestCheck of CIP 0)
    assertThat(aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("PaymentsTable"))).items()).isEmpty();
    // The secret is read only when a notification arrives (here: unusable, so 503).
    assertThat(handler.handleRequest(Events.load("apigw-cip-paid.json"), null).getStatusCode()).isEqualTo(503);
  }
}
