package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input files, at volume: a consistent day (orders.csv, statement.csv, webhooks.jsonl), then
 * one mutation of one line or field of one file per case. Whatever the mutation, {@code pagorecon
 * reconcile} ends 0 or 1 with both reports, or 2 with one message naming the file, the line and the
 * field and no report at all (not even a temporary file); never an internal error. Mutations that
 * are certainly invalid must end 2 naming the mutated file and line.
 */
class ReconcileInputFuzzTest {

  static final long SEED = Long.getLong("fuzz.seed", 20240115L);
  static final int CASES = Integer.getInteger("fuzz.cli.cases", 1_500);

  static final String ORDERS_HEADER = "order_id,cip,amount,currency,status,created_at,paid_at";
  static final String STATEMENT_HEADER = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at";
  static final Pattern MESSAGE = Pattern.compile("(?s)^(.+?)(:(\\d+))?: ([\\w.\\[\\]]+): .+");

  @TempDir Path dir;

  /** The three files as lines (without line ends). */
  record Day(List<String> orders, List<String> statement, List<String> webhooks) {}

  static Day consistentDay(SplittableRandom r) {
    List<String> orders = new ArrayList<>(List.of(ORDERS_HEADER));
    List<String> statement = new ArrayList<>(List.of(STATEMENT_HEADER));
    List<String> hooks = new ArrayList<>();
    int n = 2 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String cip = String.valueOf(11_546_900 + i);
      String amount = (1 + r.nextInt(900)) + "." + String.format("%02d", r.nextInt(100));
      boolean paid = r.nextInt(3) > 0;
      orders.add("ORD-" + i + "," + cip + "," + amount + ",PEN," + (paid ? "PAID" : "PENDING") + ",2024-01-15T09:00:00-05:00,"
          + (paid ? "2024-01-15T10:36:00-05:00" : ""));
      statement.add(cip + ",ORD-" + i + "," + amount + ",PEN," + (paid ? "PAID" : "PENDING")
          + ",2024-01-15T09:00:00-05:00,2024-01-16T09:00:00-05:00," + (paid ? "2024-01-15T10:35:12-05:00" : "") + ",");
      if (paid) {
        hooks.add("{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"" + (1200 + i)
            + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"PEN\",\"amount\":" + amount
            + ",\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-" + i + "\"}}}");
      }
    }
    if (hooks.isEmpty()) {
      hooks.add("{\"receivedAt\":\"2024-01-15T10:36:00-05:00\",\"body\":{\"eventType\":\"cip.expired\",\"data\":{\"cip\":\"11546900\"}}}");
    }
    return new Day(orders, statement, hooks);
  }

  /** A mutation: which file, which line (1-based, as in messages), and whether it must be rejected. */
  record Mutated(String file, int line, Optional<String> field, boolean mustReject, String kind, byte[] bytes) {}

  static final String[] BAD_AMOUNTS = {"abc", "\"12,50\"", "1.234", "-5.00", "1e3", "NaN", "", "99999999999999999999.99", "\"12.50", "S/ 10.00"};
  static final String[] BAD_TIMES = {"yesterday", "2024-13-45T10:00:00-05:00", "2024-01-15T10:00:00", "2024-01-15", "1705332912"};
  static final String[] ANY_TEXT = {"", " ", "\u0000", "x\u0007y", "\u202Eevil", "ñandú", "\"", "\"\"", "a,b", "=cmd|' /C calc'!A0",
      "9".repeat(40), "z".repeat(5000), "null", "\uD83D\uDCB0"};

  static Mutated mutate(Day day, SplittableRandom r) {
    int which = r.nextInt(3);
    List<String> lines = new ArrayList<>(which == 0 ? day.orders() : which == 1 ? day.statement() : day.webhooks());
    String file = which == 0 ? "orders.csv" : which == 1 ? "statement.csv" : "webhooks.jsonl";
    String[] header = which == 0 ? ORDERS_HEADER.split(",") : which == 1 ? STATEMENT_HEADER.split(",") : new String[0];
    int firstData = which == 2 ? 0 : 1;
    int index = firstData + r.nextInt(lines.size() - firstData);
    String kind;
    boolean mustReject = false;
    Optional<String> field = Optional.empty();
    String line = lines.get(index);
    int choice = r.nextInt(which == 2 ? 8 : 12);
    if (which == 2) {
      switch (choice) {
        case 0 -> { kind = "json-truncated"; lines.set(index, line.substring(0, 1 + r.nextInt(line.length() - 1))); mustReject = true; }
        case 1 -> { kind = "json-not-object"; lines.set(index, new String[] {"[]", "42", "\"x\"", "null"}[r.nextInt(4)]); mustReject = true; }
        case 2 -> { kind = "json-receivedAt-bad"; lines.set(index, line.replace("\"receivedAt\":\"2024-01-15T10:36:00-05:00\"",
            "\"receivedAt\":\"" + BAD_TIMES[r.nextInt(3)] + "\"")); mustReject = true; field = Optional.of("receivedAt"); }
        case 3 -> { kind = "json-body-missing"; lines.set(index, "{\"receivedAt\":\"2024-01-15T10:36:00-05:00\"}"); mustReject = true; }
        case 4 -> { kind = "json-amount-wrong"; lines.set(index, line.replaceFirst("\"amount\":[0-9.]+", "\"amount\":" + new String[] {"\"abc\"", "true", "-1", "1e400", "[1]"}[r.nextInt(5)])); }
        case 5 -> { kind = "json-trailing"; lines.set(index, line + " x"); mustReject = true; }
        case 6 -> { kind = "json-blank-line"; lines.add(index, r.nextBoolean() ? "" : "   "); }
        default -> { kind = "json-duplicate-key"; lines.set(index, line.replaceFirst("\\{\"receivedAt\"", "{\"receivedAt\":\"x\",\"receivedAt\"")); }
      }
      return new Mutated(file, index + 1, field, mustReject, kind, join(lines));
    }
    String[] cells = line.split(",", -1);
    int col = r.nextInt(cells.length);
    String column = index == 0 ? "header" : header[Math.min(col, header.length - 1)];
    switch (choice) {
      case 0 -> {
        kind = "bad-amount";
        int amountCol = 2;
        if (index == 0) {
          amountCol = 2;
        }
        cells[amountCol] = BAD_AMOUNTS[r.nextInt(BAD_AMOUNTS.length)];
        lines.set(index, String.join(",", cells));
        mustReject = List.of("abc", "\"12,50\"", "NaN", "S/ 10.00").contains(cells[amountCol]);
        field = Optional.of("amount");
      }
      case 1 -> {
        kind = "bad-status";
        cells[4] = new String[] {"BOGUS", "PAGADO", "1", "Cancelado"}[r.nextInt(4)];
        lines.set(index, String.join(",", cells));
        mustReject = true;
        field = Optional.of("status");
      }
      case 2 -> {
        kind = "bad-currency";
        cells[3] = new String[] {"EUR", "SOL", "S/", "usd$"}[r.nextInt(4)];
        lines.set(index, String.join(",", cells));
        mustReject = true;
        field = Optional.of("currency");
      }
      case 3 -> {
        kind = "bad-time";
        cells[5] = BAD_TIMES[r.nextInt(3)];
        lines.set(index, String.join(",", cells));
        mustReject = true;
        field = Optional.of("created_at");
      }
      case 4 -> { kind = "any-text-in-field"; cells[col] = ANY_TEXT[r.nextInt(ANY_TEXT.length)]; lines.set(index, String.join(",", cells)); }
      case 5 -> {
        kind = "missing-column";
        List<String> fewer = new ArrayList<>(List.of(cells));
        fewer.remove(col);
        lines.set(index, String.join(",", fewer));
        mustReject = col < cells.length - 2;
      }
      case 6 -> { kind = "extra-column"; lines.set(index, line + ",extra"); }
      case 7 -> { kind = "duplicate-line"; lines.add(index, line); }
      case 8 -> {
        // Renaming a required column must be refused; optional ones (cip, dates) may be absent.
        kind = "header-renamed";
        lines.set(0, lines.get(0).replace(header[col], header[col] + "_x"));
        mustReject = col == 0 || List.of("amount", "currency", "status").contains(header[col]);
        index = 0;
      }
      case 9 -> { kind = "crlf-and-bom"; return new Mutated(file, 0, Optional.empty(), false, kind, ("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8)); }
      case 10 -> {
        kind = "invalid-utf8";
        byte[] head = (String.join("\n", lines.subList(0, index)) + "\n" + line.substring(0, line.indexOf(',') + 1)).getBytes(StandardCharsets.UTF_8);
        byte[] tail = (line.substring(line.indexOf(',') + 1) + "\n" + String.join("\n", lines.subList(index + 1, lines.size())) + "\n")
            .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.write(0xC3);
        out.write(0x28);
        out.writeBytes(tail);
        return new Mutated(file, index + 1, Optional.empty(), true, kind, out.toByteArray());
      }
      default -> { kind = "unbalanced-quote"; cells[col] = "\"" + cells[col]; lines.set(index, String.join(",", cells)); }
    }
    return new Mutated(file, index + 1, field, mustReject, kind + "(" + column + ")", join(lines));
  }

  static byte[] join(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reconcile_shouldExitTwoWithFileLineFieldAndWriteNothing_orSucceedWholly_forEveryMutatedInput() throws Exception {
    Map<String, Integer> exits = new TreeMap<>();
    Map<String, String> failures = new TreeMap<>();
    int mustReject = 0;
    for (int i = 0; i < CASES; i++) {
      SplittableRandom r = new SplittableRandom(SEED * 31 + i);
      Day day = consistentDay(r);
      Mutated m = mutate(day, r);
      Path caseDir = Files.createDirectories(dir.resolve("c" + i));
      Path orders = Files.write(caseDir.resolve("orders.csv"), m.file().equals("orders.csv") ? m.bytes() : join(day.orders()));
      Path statement = Files.write(caseDir.resolve("statement.csv"), m.file().equals("statement.csv") ? m.bytes() : join(day.statement()));
      Path hooks = Files.write(caseDir.resolve("webhooks.jsonl"), m.file().equals("webhooks.jsonl") ? m.bytes() : join(day.webhooks()));
      Path out = caseDir.resolve("out");
      StringWriter stdout = new StringWriter();
      StringWriter stderr = new StringWriter();
      CliContext context = new CliContext(Clock.fixed(Instant.parse("2024-01-16T20:00:00Z"), ZoneOffset.UTC), new PrintWriter(stdout, true),
          new PrintWriter(stderr, true), Map.of());
      int exit = Pagorecon.commandLine(context).execute("reconcile", "--orders", orders.toString(), "--statement", statement.toString(),
          "--webhooks", hooks.toString(), "--out", out.toString(), "--date", "2024-01-15");
      exits.merge(String.valueOf(exit), 1, Integer::sum);
      String label = "case " + i + " " + m.kind() + " in " + m.file() + " line " + m.line();
      try {
        check(exit, stderr.toString(), out, m, caseDir);
      } catch (AssertionError e) {
        failures.putIfAbsent(m.kind(), label + ": " + e.getMessage());
      }
      if (m.mustReject()) {
        mustReject++;
      }
    }
    System.out.printf("cli input fuzz: %d cases (%d certainly invalid), seed %d, exit codes %s%n", CASES, mustReject, SEED, exits);
    assertThat(failures).as("failures by mutation kind").isEmpty();
    assertThat(exits).containsKeys("0", "2");
  }

  private static void check(int exit, String err, Path out, Mutated m, Path caseDir) throws IOException {
    assertThat(exit).as("exit code; stderr: " + err).isIn(0, 1, 2);
    if (exit == 2) {
      String first = err.strip().lines().findFirst().orElse("");
      var matcher = MESSAGE.matcher(first);
      assertThat(matcher.matches()).as("message names file, line and field: " + first).isTrue();
      assertThat(matcher.group(1)).as(first).matches(".*(orders\\.csv|statement\\.csv|webhooks\\.jsonl)");
      assertThat(Files.exists(out.resolve("discrepancies.csv"))).as("no partial output").isFalse();
      assertThat(Files.exists(out.resolve("summary.json"))).as("no partial output").isFalse();
      if (Files.isDirectory(out)) {
        try (Stream<Path> left = Files.list(out)) {
          assertThat(left).as("no temporary files left").isEmpty();
        }
      }
    } else {
      assertThat(err).as("no diagnostics on success").isEmpty();
      assertThat(out.resolve("discrepancies.csv")).exists();
      assertThat(out.resolve("summary.json")).exists();
    }
    if (m.mustReject()) {
      assertThat(exit).as("a certainly invalid input must be refused; stderr: " + err).isEqualTo(2);
      String first = err.strip().lines().findFirst().orElse("");
      assertThat(first).as("names the mutated file").contains(caseDir.resolve(m.file()).toString());
      if (m.line() > 0 && !m.kind().startsWith("header-renamed")) {
        assertThat(first).as("names the mutated line").contains(":" + m.line() + ":");
      }
      m.field().ifPresent(f -> assertThat(first).as("names the field").contains(": " + f + ":"));
    }
  }
}
