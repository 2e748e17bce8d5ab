package io.pagorecon.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SettlementFunction's shaded jar (its SDK models and commons libraries trimmed: docs/performance.md
 * §9 "Jar sizes, round two") run as Lambda runs it, under the runtime interface client, against
 * moto: the settlement export is an .xlsx workbook (fastexcel, aalto, commons-compress's zip), the
 * other inputs CSV; S3 list, GET and PUT, DynamoDB batch get, get, query and put of the ledger, an
 * SNS alert read back from a queue on the alerts topic. A class the shade filters cut that the
 * function needs fails here, not in production.
 */
@MotoStack
class SettlementFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("settlement",
      "io.pagorecon.functions.settlement.SettlementFileLandedHandler::handleRequest", Path.of("target", "settlement-lambda.jar"), 1024);
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldJudgeAnXlsxSettlementExport_writeTheLedgerAndReport_andAlert(AwsTestEnvironment aws, @TempDir Path task) throws Exception {
    String bucket = aws.ref("DataBucket");
    String queue = aws.clients().sqs().createQueue(c -> c.queueName("settlement-runtime-alerts")).queueUrl();
    String arn = aws.clients().sqs().getQueueAttributes(g -> g.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
        .get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    String statement = SettlementFileLandedHandlerIT.STATEMENT;
    put(aws, "statements/sandbox/2024/01/15/statement.csv", statement.getBytes(StandardCharsets.UTF_8));
    put(aws, "statements/sandbox/2024/01/15/manifest.json", ("{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\""
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(statement.getBytes(StandardCharsets.UTF_8))) + "\"}}")
        .getBytes(StandardCharsets.UTF_8));
    put(aws, "inbox/fees.csv", SettlementFileLandedHandlerIT.FEES.getBytes(StandardCharsets.UTF_8));
    put(aws, "inbox/settlements/liquidacion-2024-01-16.xlsx", xlsx(SettlementFileLandedHandlerIT.SETTLEMENTS));
    put(aws, "inbox/bank/bcp-2024-01.csv", SettlementFileLandedHandlerIT.BANK.getBytes(StandardCharsets.UTF_8));
    Path log = Path.of("target", "ric-settlement.log");

    JsonNode answer;
    try (RuntimeApiStandIn api = new RuntimeApiStandIn();
        LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, aws.functionEnvironment("SettlementFunction"), api.address(), log)) {
      answer = JSON.readTree(lambda.await(api.invoke("inv-1", "{\"asOf\":\"2024-01-22\"}"), api));
    }

    assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("JUDGED");
    assertThat(answer.path("settlements").asInt()).as("the settlement read from the workbook").isEqualTo(1);
    assertThat(answer.path("discrepancies").asInt()).isEqualTo(2);
    assertThat(answer.path("alerted").asBoolean()).isTrue();
    DynamoDbLedger ledger = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));
    assertThat(ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100)).extracting(LedgerEntry::id)
        .contains("PAYOUT_NOT_RECEIVED|LQ-0116|");
    assertThat(ledger.find("PAYOUT_NOT_RECEIVED|LQ-0116|").orElseThrow().orderAmount().orElseThrow().toPlainString()).isEqualTo("286.43");
    String csv = aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key("reports/sandbox/settlements/2024/01/settlement-discrepancies.csv"))
        .asString(StandardCharsets.UTF_8);
    assertThat(csv).contains("PAYOUT_NOT_RECEIVED,critical,LQ-0116,");
    List<Message> alerts = aws.clients().sqs().receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(10).maxNumberOfMessages(10)).messages();
    assertThat(alerts).singleElement().satisfies(m -> assertThat(JSON.readTree(m.body()).path("Message").asText()).contains("LQ-0116"));
  }

  /** The CSV's rows as the first sheet of a workbook, every cell text (as the portal exports it). */
  static byte[] xlsx(String csv) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workbook wb = new Workbook(out, "pagorecon-test", "1.0");
    Worksheet ws = wb.newWorksheet("Liquidaciones");
    List<String> lines = csv.lines().toList();
    for (int r = 0; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",", -1);
      for (int c = 0; c < cells.length; c++) {
        ws.value(r, c, cells[c]);
      }
    }
    wb.finish();
    return out.toByteArray();
  }

  private static void put(AwsTestEnvironment aws, String key, byte[] content) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromBytes(content));
  }
}
