package io.pagorecon.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SettlementFunction end to end against moto, wired from the template's environment: a statement,
 * a settlement export, the fee contract and a bank statement in S3 → report in S3, ledger entries
 * and one alert received by an SQS queue subscribed to the alerts topic; a re-run adds nothing; a
 * corrected bank statement auto-resolves PAYOUT_NOT_RECEIVED.
 */
@MotoStack
class SettlementFileLandedHandlerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String STATEMENT = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n"
      + "1001,A1,100.00,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T10:00:00-05:00,\n"
      + "1002,A2,200.00,PEN,PAID,2024-01-15T09:00:00-05:00,,2024-01-15T11:00:00-05:00,\n";
  static final String SETTLEMENTS = "settlement_id,settled_on,cip,transaction_code,gross_amount,currency,fee,fee_tax,net_amount,payout_currency,fx_rate\n"
      + "LQ-0116,2024-01-16,1001,A1,100.00,PEN,4.00,0.72,95.28,PEN,\n"
      + "LQ-0116,2024-01-16,1002,A2,200.00,PEN,7.50,1.35,191.15,PEN,\n";
  static final String FEES = "currency,percent,fixed,tax_percent,minimum\nPEN,3.5,0.50,18,1.00\n";
  static final String BANK = "booked_on,amount,currency,reference\n2024-01-17,50.00,PEN,DEPOSITO VENTANILLA\n";
  static final String BANK_CORRECTED = BANK + "2024-01-18,286.43,PEN,ABONO PAGOEFECTIVO LQ-0116\n";

  private static void put(AwsTestEnvironment aws, String key, String content) {
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String subscribeQueue(AwsTestEnvironment aws) {
    SqsClient sqs = aws.clients().sqs();
    String url = sqs.createQueue(c -> c.queueName("settlement-alerts-probe")).queueUrl();
    String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(arn));
    return url;
  }

  private static List<Message> receive(AwsTestEnvironment aws, String url, int waitSeconds) {
    List<Message> messages = aws.clients().sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10)).messages();
    messages.forEach(m -> aws.clients().sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())));
    return messages;
  }

  private static JsonNode invoke(SettlementFileLandedHandler handler, InputStream event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(event, out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static InputStream eventFile(String name) {
    return SettlementFileLandedHandlerIT.class.getResourceAsStream("/events/" + name);
  }

  @Test
  void bankStatementLanded_shouldReportOpenLedgerEntriesAndAlertOnce_thenACorrectedStatementAutoResolves(AwsTestEnvironment aws) throws Exception {
    String queue = subscribeQueue(aws);
    put(aws, "statements/sandbox/2024/01/15/statement.csv", STATEMENT);
    put(aws, "statements/sandbox/2024/01/15/manifest.json", "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\"" + sha256(STATEMENT) + "\"}}");
    put(aws, "inbox/fees.csv", FEES);
    put(aws, "inbox/settlements/liquidacion-2024-01-16.csv", SETTLEMENTS);
    put(aws, "inbox/bank/bcp-2024-01.csv", BANK);
    // Monday 22 January 2024, 10:00 in Lima: the payout of 16 January was due on the 19th
    Clock clock = Clock.fixed(Instant.parse("2024-01-22T15:00:00Z"), ZoneOffset.UTC);
    SettlementFileLandedHandler handler = new SettlementFileLandedHandler(aws.functionEnvironment("SettlementFunction"), clock);
    DynamoDbLedger ledger = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable"));

    JsonNode first = invoke(handler, eventFile("eventbridge-bank-statement-created.json"));

    assertThat(first.path("outcome").asText()).as(first.toString()).isEqualTo("JUDGED");
    assertThat(first.path("asOf").asText()).isEqualTo("2024-01-22");
    assertThat(first.path("discrepancies").asInt()).isEqualTo(2);
    assertThat(first.path("opened").asInt()).isEqualTo(2);
    List<LedgerEntry> open = ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100);
    assertThat(open).extracting(LedgerEntry::id)
        .containsExactlyInAnyOrder("PAYOUT_NOT_RECEIVED|LQ-0116|", "UNEXPECTED_CREDIT|||credit booked on 2024-01-17 50.00 PEN reference \"DEPOSITO VENTANILLA\" belongs to no settlement");
    LedgerEntry payout = ledger.find("PAYOUT_NOT_RECEIVED|LQ-0116|").orElseThrow();
    assertThat(payout.orderAmount().orElseThrow().toPlainString()).isEqualTo("286.43");
    assertThat(payout.detail()).startsWith("settlement LQ-0116: no bank credit");
    byte[] csv = aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket")).key("reports/sandbox/settlements/2024/01/settlement-discrepancies.csv"))
        .asByteArray();
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(csv, StandardCharsets.UTF_8)).contains("PAYOUT_NOT_RECEIVED,critical,LQ-0116,,,286.43,,PEN,").contains("UNEXPECTED_CREDIT,low,,,,,50.00,PEN,");
    JsonNode summary = JSON.readTree(aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.ref("DataBucket"))
        .key("reports/sandbox/settlements/2024/01/settlement-summary.json")).asByteArray());
    assertThat(summary.path("settlements").get(0).path("status").asText()).isEqualTo("NOT_RECEIVED");
    List<Message> alerts = receive(aws, queue, 10);
    assertThat(alerts).hasSize(1);
    JsonNode envelope = JSON.readTree(alerts.get(0).body());
    assertThat(envelope.path("Subject").asText()).contains("2024-01-22").contains("1 个新的严重差异");
    assertThat(envelope.path("Message").asText()).contains("PAYOUT_NOT_RECEIVED").contains("结算款未到账").contains("LQ-0116")
        .contains("s3://" + aws.ref("DataBucket") + "/reports/sandbox/settlements/2024/01/settlement-discrepancies.csv");
    assertThat(envelope.path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("critical");

    // The same event again: nothing new in the ledger, no second alert.
    JsonNode rerun = invoke(handler, eventFile("eventbridge-bank-statement-created.json"));

    assertThat(rerun.path("opened").asInt()).isZero();
    assertThat(rerun.path("alerted").asBoolean()).isFalse();
    assertThat(ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100)).containsExactlyInAnyOrderElementsOf(open);
    assertThat(receive(aws, queue, 2)).isEmpty();

    // The bank sends a corrected statement (it repeats the earlier credit): the payout is there.
    put(aws, "inbox/bank/bcp-2024-01-corrected.csv", BANK_CORRECTED);
    JsonNode fixed = invoke(handler, eventFile("eventbridge-bank-statement-created.json"));

    assertThat(fixed.path("discrepancies").asInt()).as(fixed.toString()).isEqualTo(1);
    assertThat(fixed.path("autoResolved").asInt()).isEqualTo(1);
    assertThat(ledger.find("PAYOUT_NOT_RECEIVED|LQ-0116|").orElseThrow().status()).isEqualTo(LedgerStatus.AUTO_RESOLVED);
    assertThat(ledger.byStatus(LedgerStatus.OPEN, Optional.empty(), Optional.empty(), 100)).extracting(LedgerEntry::category)
        .extracting(Object::toString).containsExactly("UNEXPECTED_CREDIT");
    assertThat(receive(aws, queue, 2)).isEmpty();
  }

  @Test
  void missingFeeContract_shouldAlertOnce_andAnEventOfAnotherPrefixIsRejected(AwsTestEnvironment aws) throws Exception {
    String queue = subscribeQueue(aws);
    put(aws, "inbox/settlements/liquidacion-2024-01-16.csv", SETTLEMENTS);
    SettlementFileLandedHandler handler = new SettlementFileLandedHandler(aws.functionEnvironment("SettlementFunction"),
        Clock.fixed(Instant.parse("2024-01-22T15:00:00Z"), ZoneOffset.UTC));

    JsonNode answer = invoke(handler, eventFile("eventbridge-bank-statement-created.json"));
    JsonNode again = invoke(handler, eventFile("eventbridge-bank-statement-created.json"));
    JsonNode other = invoke(handler, eventFile("eventbridge-bank-statement-created-other-prefix.json"));

    assertThat(answer.path("outcome").asText()).isEqualTo("MISSING_INPUT");
    assertThat(answer.path("problems").toString()).contains("inbox/fees.csv");
    assertThat(again.path("alerted").asBoolean()).isFalse();
    assertThat(other.path("code").asText()).isEqualTo("INVALID_FIELD");
    List<Message> alerts = receive(aws, queue, 10);
    assertThat(alerts).hasSize(1);
    assertThat(JSON.readTree(alerts.get(0).body()).path("MessageAttributes").path("severity").path("Value").asText()).isEqualTo("critical");
  }
}
