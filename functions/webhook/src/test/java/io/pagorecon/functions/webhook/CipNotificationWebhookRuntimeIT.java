package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real runtime path: the runtime interface client in a child JVM fetches events/ files from a
 * Runtime API stand-in, deserializes them exactly as on Lambda, and the shaded handler records the
 * payment in moto.
 */
@MotoStack
class CipNotificationWebhookRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("webhook",
      "io.pagorecon.functions.webhook.CipNotificationWebhookHandler::handleRequest", java.nio.file.Path.of("target", "webhook-lambda.jar"), 1024);


  static final ObjectMapper JSON = new ObjectMapper();

  static String event(String file) throws Exception {
    return Files.readString(Path.of("..", "..", "events", file), StandardCharsets.UTF_8);
  }

  @Test
  void runtime_shouldRecordPaymentInMoto_whenRicDeliversTheNotification(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> env = aws.functionEnvironment("WebhookFunction");
    Path log = Path.of("target", "ric-webhook.log");

    try (RuntimeApiStandIn api = new RuntimeApiStandIn();
        LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, env, api.address(), log)) {
      JsonNode paid = JSON.readTree(lambda.await(api.invoke("inv-1", event("apigw-cip-paid.json")), api));
      JsonNode again = JSON.readTree(lambda.await(api.invoke("inv-2", event("apigw-cip-paid-base64.json")), api));
      JsonNode tampered = JSON.readTree(lambda.await(api.invoke("inv-3", event("apigw-cip-paid-tampered-body.json")), api));

      assertThat(paid.get("statusCode").asInt()).isEqualTo(200);
      assertThat(JSON.readTree(paid.get("body").asText()).get("code").asText()).isEqualTo("ACCEPTED");
      assertThat(JSON.readTree(paid.get("body").asText()).get("requestId").asText()).isEqualTo("req-cip-paid");
      assertThat(again.get("statusCode").asInt()).isEqualTo(200);
      assertThat(JSON.readTree(again.get("body").asText()).get("code").asText()).isEqualTo("DUPLICATE");
      assertThat(tampered.get("statusCode").asInt()).isEqualTo(401);
      assertThat(JSON.readTree(tampered.get("body").asText()).get("code").asText()).isEqualTo("INVALID_SIGNATURE");
    }

    Map<String, AttributeValue> state = aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("PaymentsTable")).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("CIP#11546901"), "sk", AttributeValue.fromS("STATE")))).item();
    assertThat(state.get("state").s()).isEqualTo("PAID");
    assertThat(state.get("amount").s()).isEqualTo("22.05");
    // One state change (version 1), then the tampered copy asked the sync job to check the CIP (version 2).
    assertThat(state.get("version").n()).isEqualTo("2");
    assertThat(state).containsKey("nextCheckAt");
    // one fact on the state item, its evidence as an item (the shaded jar wrote it through DynamoDbEvidenceStore)
    assertThat(state.get("facts").m()).containsOnlyKeys("cip.paid");
    String evidenceKey = state.get("facts").m().get("cip.paid").m().get("evidenceKey").s();
    assertThat(new io.pagorecon.aws.EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(),
        aws.ref("DataBucket")).read(evidenceKey)).isPresent();
  }
}
