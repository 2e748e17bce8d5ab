package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ReconcileFunction's shaded jar (trimmed: docs/performance.md §9 "Jar sizes") run as Lambda runs
 * it, under the runtime interface client, against moto: every SDK call the function makes goes
 * through the jar's classes (S3 list, whole and ranged GET, PUT; DynamoDB query and ledger writes;
 * SNS publish), so a class the shade filters cut that the function needs fails here, not in
 * production. Two dates: the earlier one writes its lookback index, the later one reads it.
 */
@MotoStack
class ReconcileFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("reconcile",
      "io.pagorecon.functions.reconcile.StatementLandedReconcileHandler::handleRequest", java.nio.file.Path.of("target", "reconcile-lambda.jar"), 2048);


  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldReconcileTwoDatesThroughTheLookbackIndex(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    String bucket = aws.ref("DataBucket");
    StatementLandedReconcileHandlerIT.recordWebhooks(aws);
    String empty = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n";
    put(aws, "orders/sandbox/2024/01/12/shop.csv", "order_id,cip,amount,currency,status,created_at,paid_at\n"
        + "OLD,7001,75.00,PEN,PENDING,2024-01-12T09:00:00-05:00,\n");
    put(aws, "statements/sandbox/2024/01/12/statement.csv", empty);
    put(aws, "statements/sandbox/2024/01/12/manifest.json", manifest(empty));
    String today = StatementLandedReconcileHandlerIT.STATEMENT
        + "7001,OLD,75.00,PEN,PAID,2024-01-12T09:00:00-05:00,2024-01-16T09:00:00-05:00,2024-01-15T13:00:00-05:00,\n";
    put(aws, "orders/sandbox/2024/01/15/shop.csv", StatementLandedReconcileHandlerIT.orders("PENDING"));
    put(aws, "statements/sandbox/2024/01/15/statement.csv", today);
    put(aws, "statements/sandbox/2024/01/15/manifest.json", manifest(today));
    Map<String, String> env = aws.functionEnvironment("ReconcileFunction");
    Path log = Path.of("target", "ric-reconcile.log");

    try (RuntimeApiStandIn api = new RuntimeApiStandIn();
        LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, env, api.address(), log)) {
      JsonNode earlier = JSON.readTree(lambda.await(api.invoke("inv-1", "{\"businessDate\":\"2024-01-12\"}"), api));
      JsonNode day = JSON.readTree(lambda.await(api.invoke("inv-2", "{\"businessDate\":\"2024-01-15\"}"), api));

      assertThat(earlier.path("outcome").asText()).isEqualTo("RECONCILED");
      assertThat(day.path("outcome").asText()).isEqualTo("RECONCILED");
      assertThat(day.path("alerted").asBoolean()).isTrue();
    }

    String csv = new String(aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key("reports/sandbox/2024/01/15/discrepancies.csv")).asByteArray(),
        StandardCharsets.UTF_8);
    assertThat(csv).contains("PAID_NOT_RECORDED,critical,OLD,7001").contains("PAID_NOT_RECORDED,critical,A1,1001").contains("x100");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(bucket).prefix("lookback/sandbox/")).contents()).hasSize(2);
    Map<String, AttributeValue> entry = aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("LedgerTable")).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("PAID_NOT_RECORDED|OLD|7001")))).item();
    assertThat(entry.get("status").s()).isEqualTo("OPEN");
  }

  private static void put(AwsTestEnvironment aws, String key, String content) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static String manifest(String csv) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
    return "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha + "\"}}";
  }
}
