package io.pagorecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {

  private static final String ORDERS_HEADER = "order_id,cip,amount,currency,status,created_at,paid_at\n";
  private static final String STATEMENT_HEADER = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n";
  private static final String PAID_HOOK =
      "{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\",\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}}\n";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CliContext context = new CliContext(Clock.fixed(Instant.parse("2024-01-15T20:00:00Z"), ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    return Pagorecon.commandLine(context).execute(args);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String[] reconcileArgs(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("reconcile", "--orders", dir.resolve("orders.csv").toString(), "--statement",
        dir.resolve("statement.csv").toString(), "--webhooks", dir.resolve("webhooks.jsonl").toString(), "--out", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  private void consistentDay() throws IOException {
    file("orders.csv", ORDERS_HEADER + "ORD-1001,11546901,22.05,PEN,PAID,2024-01-15T10:30:00-05:00,2024-01-15T10:36:00-05:00\n");
    file("statement.csv", STATEMENT_HEADER + "11546901,ORD-1001,22.05,PEN,PAID,2024-01-15T10:30:00-05:00,2024-01-16T10:30:00-05:00,2024-01-15T10:35:12-05:00,\n");
    file("webhooks.jsonl", PAID_HOOK);
  }

  @Test
  void reconcile_shouldExitZeroAndWriteEmptyReport_whenEverythingMatches() throws Exception {
    consistentDay();
    assertEquals(0, run(reconcileArgs("--date", "2024-01-15")), err.toString());
    byte[] csv = Files.readAllBytes(dir.resolve("out/discrepancies.csv"));
    assertEquals((byte) 0xEF, csv[0]);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("business_date,category,severity,order_id,cip,order_amount,gateway_amount,currency,order_status,gateway_status,detail"));
    assertEquals(1, text.split("\n").length);
    String summary = Files.readString(dir.resolve("out/summary.json"));
    assertTrue(summary.contains("\"matched\" : 1"), summary);
    assertTrue(out.toString().contains("matched 1, discrepancies 0"), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void reconcile_shouldExitOne_andListDiscrepancies() throws Exception {
    file("orders.csv", ORDERS_HEADER + "ORD-1001,11546901,22.05,PEN,PENDING,2024-01-15T10:30:00-05:00,\n");
    file("statement.csv", STATEMENT_HEADER + "11546901,ORD-1001,2205,PEN,PAID,2024-01-15T10:30:00-05:00,,2024-01-15T10:35:12-05:00,\n");
    file("webhooks.jsonl", PAID_HOOK);
    assertEquals(1, run(reconcileArgs("--json", "--seller-zone", "Asia/Shanghai")), err.toString());
    List<String> lines = Files.readAllLines(dir.resolve("out/discrepancies.csv"));
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("2024-01-15,PAID_NOT_RECORDED,critical,ORD-1001,11546901,22.05,2205.00,PEN,PENDING,PAID,"), lines.get(1));
    assertTrue(lines.get(2).contains("AMOUNT_MISMATCH") && lines.get(2).contains("x100"), lines.get(2));
    assertTrue(lines.get(0).endsWith(",event_time,seller_time"));
    assertTrue(out.toString().contains("\"PAID_NOT_RECORDED\" : 1"), out.toString());
  }

  @Test
  void reconcile_shouldSayTheDayWasEmptyAndExit2_unlessAllowed() throws Exception {
    consistentDay();

    assertEquals(2, run(reconcileArgs("--date", "2023-01-15")));
    assertEquals("pagorecon reconcile: --date 2023-01-15: no order, statement row or webhook on that business date (America/Lima)"
        + " — check the date and the files, or pass --allow-empty when the day really was empty", err.toString().strip());
    assertTrue(Files.readString(dir.resolve("out/summary.json")).contains("\"empty\" : true"));

    err.getBuffer().setLength(0);
    assertEquals(0, run(reconcileArgs("--date", "2023-01-15", "--allow-empty")));
    assertTrue(err.toString().contains("--allow-empty given"), err.toString());

    err.getBuffer().setLength(0);
    assertEquals(0, run(reconcileArgs("--date", "2024-01-15")));
    assertTrue(Files.readString(dir.resolve("out/summary.json")).contains("\"empty\" : false"));
    assertEquals("", err.toString());
  }

  @Test
  void reconcile_shouldExitTwo_namingFileLineAndField_andWriteNothing() throws Exception {
    consistentDay();
    Path orders = file("orders.csv", ORDERS_HEADER + "ORD-1,1,1.00,PEN,PAID,2024-01-15T10:30:00-05:00,\nORD-2,2,\"12,50\",PEN,PAID,2024-01-15T10:30:00-05:00,\n");
    assertEquals(2, run(reconcileArgs()));
    assertEquals("pagorecon reconcile: " + orders + ":3: amount: \"12,50\" is not a decimal amount in currency units"
        + " — fix that line (docs/reconciliation.md describes the formats)", err.toString().trim());
    assertFalse(Files.exists(dir.resolve("out/discrepancies.csv")));
    assertFalse(Files.exists(dir.resolve("out/summary.json")));
    assertEquals("", out.toString());
  }

  @Test
  void reconcile_shouldExitTwo_whenAWebhookLineIsBroken_orAFileIsMissing() throws Exception {
    consistentDay();
    Path hooks = file("webhooks.jsonl", PAID_HOOK + "{\"receivedAt\":\"yesterday\",\"body\":{}}\n");
    assertEquals(2, run(reconcileArgs()));
    assertTrue(err.toString().startsWith("pagorecon reconcile: " + hooks + ":2: receivedAt: "), err.toString());
    Files.delete(dir.resolve("statement.csv"));
    assertEquals(2, run(reconcileArgs()));
    assertTrue(err.toString().contains("pagorecon reconcile: --statement " + dir.resolve("statement.csv") + ": no such file — check the path"), err.toString());
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("out")));
    }
  }

  @Test
  void reconcile_shouldReportTheOrdersError_whenSeveralFilesAreBad() throws Exception {
    consistentDay();
    Path orders = file("orders.csv", ORDERS_HEADER + "ORD-1,1,1.00,PEN,PAID,not-a-date,\n");
    file("statement.csv", STATEMENT_HEADER + "1,ORD-1,1.00,PEN,LOST,,,,\n");
    file("webhooks.jsonl", "not json\n");
    for (int i = 0; i < 3; i++) {
      assertEquals(2, run(reconcileArgs()));
    }
    String[] lines = err.toString().trim().split("\n");
    assertEquals(3, lines.length);
    for (String line : lines) {
      assertEquals("pagorecon reconcile: " + orders + ":2: created_at: \"not-a-date\" is not an ISO-8601 timestamp with an offset"
          + " — fix that line (docs/reconciliation.md describes the formats)", line);
    }
  }

  @Test
  void reconcile_shouldExitTwo_onUsageErrors() throws Exception {
    consistentDay();
    assertEquals(2, run("reconcile", "--statement", "x.csv"));
    assertTrue(err.toString().contains("--orders"), err.toString());
    assertEquals(2, run(reconcileArgs("--date", "2024-13-45")));
    assertEquals(2, run(reconcileArgs("--zone", "Mars/Olympus")));
    assertEquals(2, run(reconcileArgs("--orders-format", "woocommerce")));
    assertEquals(2, run(reconcileArgs("--as-of", "tomorrow")));
  }

  @Test
  void reconcile_shouldJudgeTimeRulesAsOfTheInjectedClock_withoutDate() throws Exception {
    file("orders.csv", ORDERS_HEADER + "ORD-9,,10.00,PEN,PENDING,2024-01-14T10:00:00-05:00,\n");
    file("statement.csv", STATEMENT_HEADER);
    file("webhooks.jsonl", "");
    // the fixed clock is 2024-01-15T15:00-05:00: more than 24 h after creation
    assertEquals(1, run(reconcileArgs()));
    assertTrue(Files.readString(dir.resolve("out/discrepancies.csv")).contains("EXPIRED_ORDER_OPEN"));
    assertEquals(0, run(reconcileArgs("--as-of", "2024-01-15T09:00:00-05:00")), err.toString());
  }

  @Test
  void reconcile_shouldReadShopifyExports_withTheFlag() throws Exception {
    file("orders.csv", "Name,Financial Status,Paid at,Currency,Total,Created at,Payment Reference\n"
        + "ORD-1001,paid,2024-01-15 10:36:00 -0500,PEN,22.05,2024-01-15 10:30:00 -0500,11546901\n");
    file("statement.csv", STATEMENT_HEADER + "11546901,ORD-1001,22.05,PEN,PAID,2024-01-15T10:30:00-05:00,,2024-01-15T10:35:12-05:00,\n");
    file("webhooks.jsonl", PAID_HOOK);
    assertEquals(0, run(reconcileArgs("--orders-format", "shopify")), err.toString());
    assertEquals(2, run(reconcileArgs()));
    assertTrue(err.toString().contains(":1: order_id: missing column"), err.toString());
  }

  @Test
  void root_shouldPrintHelpAndVersion() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("reconcile"), out.toString());
    assertTrue(out.toString().contains("Exit status"), out.toString());
    assertEquals(0, run("--version"));
    assertTrue(out.toString().contains("pagorecon "), out.toString());
    assertEquals(2, run("no-such-command"));
  }
}
