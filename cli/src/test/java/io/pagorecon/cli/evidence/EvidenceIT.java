package io.pagorecon.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.aws.S3JournalStore;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.Pagorecon;
import io.pagorecon.core.Stage;
import io.pagorecon.core.journal.ApiCall;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.ledger.LedgerChange;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.statement.StatementCsv;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.IngestResult;
import io.pagorecon.core.webhook.RawNotification;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** A dispute pack built from a stack in moto, the notification archived by the real webhook ingest. */
@MotoStack
class EvidenceIT {

  static final Instant RECEIVED = Instant.parse("2024-01-15T15:36:00Z");
  static final String BODY = "{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\","
      + "\"amount\":150.50,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}";

  private static Map<String, byte[]> unzip(Path zip) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  @Test
  void evidence_shouldPackEverythingKnownAboutACip(AwsTestEnvironment aws, @TempDir Path dir) throws Exception {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":\"1035\"}");
    Map<String, String> webhookEnv = new HashMap<>(aws.functionEnvironment("WebhookFunction"));
    webhookEnv.putAll(aws.stack().clientEnvironment());
    WebhookWiring webhook = WebhookWiring.fromEnvironment(webhookEnv, Clock.fixed(RECEIVED, ZoneOffset.UTC));
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    IngestResult r = webhook.ingest().ingest(new RawNotification(body, Map.of("PE-Signature", Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", body),
        "Content-Type", "application/json", "User-Agent", "PagoEfectivo"), RECEIVED, "req-77"));
    assertThat(r).isInstanceOf(IngestResult.Accepted.class);

    String bucket = aws.ref("DataBucket");
    InvocationJournal journal = new InvocationJournal(new S3JournalStore(aws.clients().s3(), bucket), Stage.SANDBOX, BusinessCalendar.lima());
    journal.record(new ApiCall(Instant.parse("2024-01-15T14:00:00Z"), "create", "POST", "https://pre1a.services.pagoefectivo.pe/v1/cips", 201, 240,
        "our-req-1", Map.of("x-correlation-id", "corr-9"), List.of("11546901"), List.of("ORD-1001"), Optional.of("{\"userEmail\":\"***\"}"),
        Optional.of("{\"code\":100}"), Optional.empty()));
    journal.record(new ApiCall(Instant.parse("2024-01-15T14:01:00Z"), "search", "POST", "https://x/v1/cips/search", 200, 90, "our-req-2",
        Map.of(), List.of("999"), List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
    journal.flush("inv-1");
    String statementHeader = String.join(",", StatementCsv.HEADER);
    aws.clients().s3().putObject(p -> p.bucket(bucket).key("statements/sandbox/2024/01/15/statement.csv"),
        RequestBody.fromString(statementHeader + "\n11546901,ORD-1001,150.50,PEN,PAID\n11546902,ORD-1002,10.00,PEN,PENDING\n"));
    aws.clients().s3().putObject(p -> p.bucket(bucket).key("reports/sandbox/2024/01/15/discrepancies.csv"), RequestBody.fromString(
        "\uFEFFbusiness_date,category,severity,order_id,cip,order_amount,gateway_amount,currency,order_status,gateway_status,detail,event_time\n"
            + "2024-01-15,AMOUNT_MISMATCH,high,ORD-1001,11546901,160.35,150.50,PEN,PENDING,PAID,underpaid,2024-01-15T10:35:12-05:00\n"
            + "2024-01-15,MISSING_WEBHOOK,high,ORD-1002,11546902,10.00,10.00,PEN,PENDING,PAID,,\n"));
    LocalDate day = LocalDate.of(2024, 1, 15);
    new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable")).save(new LedgerEntry("AMOUNT_MISMATCH|ORD-1001|11546901",
        Category.AMOUNT_MISMATCH, "ORD-1001", "11546901", "underpaid", Optional.of(Money.of("160.35", Currency.PEN)),
        Optional.of(Money.of("150.50", Currency.PEN)), Optional.of(Currency.PEN), Optional.of(day), LedgerStatus.OPEN, Optional.empty(),
        List.of(), List.of(new LedgerChange(Instant.parse("2024-01-16T07:00:00Z"), "reconcile", "opened", Optional.empty(), LedgerStatus.OPEN, "")),
        day, day, 1, false));

    Map<String, String> env = new HashMap<>(aws.stack().clientEnvironment());
    env.put("STAGE", "sandbox");
    env.put("PAYMENTS_TABLE", aws.ref("PaymentsTable"));
    env.put("DATA_BUCKET", bucket);
    env.put("LEDGER_TABLE", aws.ref("LedgerTable"));
    env.put("PAGOEFECTIVO_SECRET_ARN", aws.ref("PagoEfectivoSecret"));
    env.put("SELLER_ZONE", "Asia/Shanghai");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path zip = dir.resolve("pack.zip");

    int exit = Pagorecon.execute(new CliContext(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), env),
        "evidence", "--cip", "11546901", "--out", zip.toString());

    assertThat(exit).as(out + " " + err).isZero();
    assertThat(out.toString()).contains("1 notification(s), 1 signature(s) verified now, 1 journal line(s), 1 statement row(s), 1 report line(s), ");
    Map<String, byte[]> files = unzip(zip);
    assertThat(files).containsKeys("summary.md", "payments.json", "verification.json", "journal.jsonl", "statement-rows.csv",
        "report-lines.csv", "ledger.json");
    String summary = new String(files.get("summary.md"), StandardCharsets.UTF_8);
    assertThat(summary).contains("# 争议证据包", "# Paquete de evidencia para disputa", "# Dispute evidence pack")
        .contains("CIP 11546901", "ORD-1001", "150.50 PEN", "1253", "x-correlation-id: corr-9", "our-req-1")
        .contains("2024-01-15 10:35:12 -05:00 (Lima time)", "2024-01-15 23:35:12 +08:00 (seller's zone Asia/Shanghai)");
    assertThat(new String(files.get("statement-rows.csv"), StandardCharsets.UTF_8)).contains("2024-01-15,11546901,ORD-1001").doesNotContain("11546902");
    assertThat(new String(files.get("report-lines.csv"), StandardCharsets.UTF_8)).contains("AMOUNT_MISMATCH").doesNotContain("MISSING_WEBHOOK");
    JsonNode ledger = new ObjectMapper().readTree(files.get("ledger.json"));
    assertThat(ledger.get(0).path("history")).isNotEmpty();

    // The pack's bytes alone prove the notification: HMAC of the archived body under the stage's secret = its PE-Signature.
    String name = files.keySet().stream().filter(k -> k.startsWith("notifications/11546901/") && !k.endsWith(".headers.json")).findFirst().orElseThrow();
    byte[] archived = files.get(name);
    JsonNode headers = new ObjectMapper().readTree(files.get(name.replace(".json", ".headers.json")));
    assertThat(archived).isEqualTo(body);
    assertThat(Signatures.verify("SECRETKEYEXAMPLE", archived, headers.path("pe-signature").asText())).isTrue();
    assertThat(headers.path("request-headers").asText()).contains("user-agent");
    assertThat(new ObjectMapper().readTree(files.get("verification.json")).get(0).path("verifiedNow").asBoolean()).isTrue();
  }

  @Test
  void evidence_shouldRefuse_whenNothingIsKnown_orTheTargetIsMissing(AwsTestEnvironment aws, @TempDir Path dir) {
    Map<String, String> env = new HashMap<>(aws.stack().clientEnvironment());
    env.put("STAGE", "sandbox");
    env.put("PAYMENTS_TABLE", aws.ref("PaymentsTable"));
    env.put("DATA_BUCKET", aws.ref("DataBucket"));
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Clock.systemUTC(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), env);

    assertThat(Pagorecon.execute(context, "evidence", "--cip", "404", "--out", dir.resolve("x.zip").toString())).isEqualTo(2);
    assertThat(Pagorecon.execute(context, "evidence", "--order", "NOPE", "--out", dir.resolve("y.zip").toString())).isEqualTo(2);
    assertThat(Pagorecon.execute(context, "evidence", "--out", dir.resolve("z.zip").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("nothing is recorded for CIP").contains("no CIP is recorded for order NOPE");
  }
}
