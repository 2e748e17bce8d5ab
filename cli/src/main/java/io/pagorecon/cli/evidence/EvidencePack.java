package io.pagorecon.cli.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.aws.DynamoDbOrderStore;
import io.pagorecon.cli.ledger.LedgerText;
import io.pagorecon.core.Stage;
import io.pagorecon.core.journal.ApiCall;
import io.pagorecon.core.journal.JournalKeys;
import io.pagorecon.core.journal.JournalLines;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.webhook.Signatures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The dispute pack of one order or CIP, gathered from a stack (docs/evidence.md): the raw
 * notification bytes with their headers and the signature verified again now, the journal entries,
 * the statement rows, the ledger entries with their history, the report lines, the payment records,
 * and summary.md in Chinese, Spanish and English.
 */
public final class EvidencePack {

  /** Where to look. {@code secretKey}: the stage's, to verify the signatures again; empty = not verified. */
  public record Source(AwsClients clients, Stage stage, String paymentsTable, String dataBucket, Optional<String> ledgerTable,
      Optional<String> secretKey, Optional<ZoneId> sellerZone) {}

  /** What was put in the pack, for the command's output. */
  public record Result(List<String> cips, int notifications, int verified, int journalLines, int statementRows, int reportLines,
      int ledgerEntries) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  /** Dates after the last known one still searched (a late webhook, the next morning's run). */
  private static final int TRAILING_DAYS = 2;
  private static final int MAX_DATES = 40;

  private final Source src;
  private final BusinessCalendar calendar = BusinessCalendar.lima();

  public EvidencePack(Source src) {
    this.src = src;
  }

  /** The CIPs of an order: the ones on the order item, else empty. */
  public List<String> cipsOfOrder(String orderId) {
    return new DynamoDbOrderStore(src.clients().dynamoDb(), src.paymentsTable()).find(orderId).map(o -> o.cips()).orElse(List.of());
  }

  /**
   * Writes the pack of {@code cips} (of {@code orderId} when known) as a zip.
   *
   * @throws IllegalArgumentException when nothing is known about them
   */
  public Result write(Optional<String> orderId, List<String> cips, OutputStream zipOut) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ArrayNode payments = JSON.createArrayNode();
    ArrayNode verification = JSON.createArrayNode();
    TreeSet<LocalDate> dates = new TreeSet<>();
    List<String> orderIds = new ArrayList<>();
    orderId.ifPresent(orderIds::add);
    List<Map<String, String>> notifications = new ArrayList<>();
    for (String cip : cips) {
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      src.clients().dynamoDb().queryPaginator(q -> q.tableName(src.paymentsTable()).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CIP#" + cip)))).items().forEach(items::add);
      for (Map<String, AttributeValue> item : items) {
        ObjectNode n = payments.addObject();
        item.forEach((k, v) -> n.put(k, v.s() != null ? v.s() : v.n() != null ? v.n() : v.bool() != null ? v.bool().toString()
            : v.hasL() ? v.l().stream().map(AttributeValue::s).toList().toString() : String.valueOf(v)));
        text(item, "orderId").filter(o -> !orderIds.contains(o)).ifPresent(orderIds::add);
        for (String t : List.of("createdAt", "paidAt", "updatedAt", "receivedAt")) {
          text(item, t).flatMap(EvidencePack::instant).ifPresent(i -> dates.add(calendar.businessDate(i)));
        }
        text(item, "businessDate").ifPresent(d -> dates.add(LocalDate.parse(d)));
        text(item, "evidenceKey").ifPresent(key -> notifications.add(notification(cip, key, text(item, "factKey").orElse(""))));
        // the facts the state item recorded (docs/data-model.md): their dates and evidence
        AttributeValue facts = item.get("facts");
        if (facts != null && facts.hasM()) {
          new java.util.TreeMap<>(facts.m()).forEach((factKey, f) -> {
            if (!f.hasM()) {
              return;
            }
            text(f.m(), "businessDate").ifPresent(d -> dates.add(LocalDate.parse(d)));
            text(f.m(), "receivedAt").flatMap(EvidencePack::instant).ifPresent(i -> dates.add(calendar.businessDate(i)));
            text(f.m(), "evidenceKey").filter(k -> notifications.stream().noneMatch(seen -> seen.get("key").equals(k)))
                .ifPresent(k -> notifications.add(notification(cip, k, factKey)));
          });
        }
      }
    }
    if (payments.isEmpty()) {
      throw new IllegalArgumentException("nothing is recorded for " + (orderId.isPresent() ? "order " + orderId.get() : "CIP " + cips));
    }
    LocalDate last = dates.isEmpty() ? calendar.businessDate(Instant.now()) : dates.last();
    for (int i = 1; i <= TRAILING_DAYS; i++) {
      dates.add(last.plusDays(i));
    }
    while (dates.size() > MAX_DATES) {
      dates.pollFirst();
    }
    files.put("payments.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(payments));

    int verified = 0;
    List<String> transactionIds = new ArrayList<>();
    for (Map<String, String> n : notifications) {
      String key = n.get("key");
      Optional<EvidenceItems.Evidence> archived =
          new EvidenceArchive(src.clients().dynamoDb(), src.paymentsTable(), src.clients().s3(), src.dataBucket()).read(key);
      if (archived.isEmpty()) {
        verification.addObject().put("key", key).put("present", false);
        continue;
      }
      byte[] body = archived.get().body();
      Map<String, String> metadata = new java.util.TreeMap<>(archived.get().metadata());
      String file = key.substring(key.lastIndexOf('/') + 1);
      String name = "notifications/" + n.get("cip") + "/" + (file.endsWith(".json") ? file : file + ".json");
      files.put(name, body);
      ObjectNode headers = JSON.createObjectNode();
      metadata.forEach(headers::put);
      files.put(name.substring(0, name.length() - ".json".length()) + ".headers.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(headers));
      String signature = metadata.getOrDefault("pe-signature", "");
      ObjectNode v = verification.addObject().put("file", name).put("key", key).put("signature", signature)
          .put("sha256", Signatures.sha256Hex(body));
      if (src.secretKey().isPresent()) {
        boolean ok = !signature.isEmpty() && Signatures.verify(src.secretKey().get(), body, signature);
        v.put("verifiedNow", ok).put("verifiedWith", "the stage's current secretKey");
        verified += ok ? 1 : 0;
      } else {
        v.putNull("verifiedNow").put("verifiedWith", "not verified: no secret available");
      }
      try {
        var op = JSON.readTree(body).path("operationNumber").asText("");
        if (!op.isEmpty()) {
          transactionIds.add(op);
        }
      } catch (IOException e) {
        // an archived body that is not JSON stays in the pack as it is
      }
    }
    files.put("verification.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(verification));

    StringBuilder journal = new StringBuilder();
    List<ApiCall> calls = new ArrayList<>();
    for (LocalDate d : dates) {
      for (String key : list(JournalKeys.dayPrefix(src.stage(), d))) {
        byte[] bytes = get(key).orElse(new byte[0]);
        for (JournalLines.Line line : JournalLines.read(bytes)) {
          ApiCall c = line.call();
          if (c.cips().stream().anyMatch(cips::contains) || c.transactionCodes().stream().anyMatch(orderIds::contains)) {
            calls.add(c);
            journal.append(new String(JournalLines.write(line.invocationId(), line.stage(), List.of(c)), StandardCharsets.UTF_8));
          }
        }
      }
    }
    files.put("journal.jsonl", journal.toString().getBytes(StandardCharsets.UTF_8));

    int statementRows = 0;
    StringBuilder statement = new StringBuilder();
    int reportLines = 0;
    StringBuilder report = new StringBuilder();
    for (LocalDate d : dates) {
      String base = src.stage().wireName() + "/" + DAY.format(d) + "/";
      Optional<byte[]> csv = get("statements/" + base + "statement.csv");
      if (csv.isPresent()) {
        String[] lines = new String(csv.get(), StandardCharsets.UTF_8).split("\n");
        if (statement.length() == 0 && lines.length > 0) {
          statement.append("business_date,").append(lines[0].replace("\uFEFF", "")).append('\n');
        }
        for (int i = 1; i < lines.length; i++) {
          if (cips.contains(lines[i].split(",", 2)[0])) {
            statement.append(d).append(',').append(lines[i]).append('\n');
            statementRows++;
          }
        }
      }
      Optional<byte[]> rep = get("reports/" + base + "discrepancies.csv");
      if (rep.isPresent()) {
        String[] lines = new String(rep.get(), StandardCharsets.UTF_8).split("\n");
        if (report.length() == 0 && lines.length > 0) {
          report.append(lines[0].replace("\uFEFF", "")).append('\n');
        }
        for (int i = 1; i < lines.length; i++) {
          String[] cols = lines[i].split(",", -1);
          if (cols.length > 4 && (cips.contains(cols[4]) || orderIds.contains(cols[3]))) {
            report.append(lines[i]).append('\n');
            reportLines++;
          }
        }
      }
    }
    files.put("statement-rows.csv", statement.toString().getBytes(StandardCharsets.UTF_8));
    files.put("report-lines.csv", report.toString().getBytes(StandardCharsets.UTF_8));

    ArrayNode ledger = JSON.createArrayNode();
    if (src.ledgerTable().isPresent()) {
      List<String> ids = new ArrayList<>();
      for (Category c : Category.values()) {
        for (String cip : cips) {
          for (String o : orderIds.isEmpty() ? List.of("") : orderIds) {
            ids.add(c.name() + "|" + o + "|" + cip);
          }
          ids.add(c.name() + "||" + cip);
        }
        orderIds.forEach(o -> ids.add(c.name() + "|" + o + "|"));
      }
      Map<String, LedgerEntry> found = new DynamoDbLedger(src.clients().dynamoDb(), src.ledgerTable().get()).findAll(ids);
      found.values().forEach(e -> ledger.add(LedgerText.json(e)));
    }
    files.put("ledger.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ledger));

    files.put("summary.md", Summary.markdown(orderIds, cips, payments, verification, calls, transactionIds, src.sellerZone())
        .getBytes(StandardCharsets.UTF_8));

    try (ZipOutputStream zip = new ZipOutputStream(zipOut)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        zip.putNextEntry(e);
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return new Result(cips, notifications.size(), verified, calls.size(), statementRows, reportLines, ledger.size());
  }

  private static Map<String, String> notification(String cip, String key, String event) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cip", cip);
    m.put("key", key);
    m.put("event", event);
    return m;
  }

  private List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    src.clients().s3().listObjectsV2Paginator(r -> r.bucket(src.dataBucket()).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
    return keys;
  }

  private Optional<byte[]> get(String key) {
    try {
      return Optional.of(src.clients().s3().getObjectAsBytes(g -> g.bucket(src.dataBucket()).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(text));
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
