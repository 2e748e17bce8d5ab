package io.pagorecon.bench.daily;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pagorecon bench daily}: ReconcileFunction's use case ({@code DailyReconciliation.run}) on
 * the last of eight generated days, N orders each, with the 7-day lookback: the full read of every
 * earlier export (the baseline, no lookback index) against the indexed lookback, each in its own
 * child JVM with the function's heap, same data, same run; the reports must be byte-identical.
 */
@Command(name = "daily", mixinStandardHelpOptions = true,
    description = "The daily run at N orders a day with the 7-day lookback: full read of the earlier exports vs the lookback index "
        + "(docs/performance.md §9).")
public final class DailyBench implements Callable<Integer> {

  static final LocalDate D = LocalDate.of(2024, 1, 15);

  @Option(names = "--orders", defaultValue = "1000000", paramLabel = "N", description = "Orders per day (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--days", defaultValue = "7", paramLabel = "K", description = "Lookback days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--runs", defaultValue = "1", paramLabel = "R", description = "Runs of each side, alternating (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data", paramLabel = "DIR", description = "Where the data set is generated and reused (default: <tmp>/pagorecon-bench).")
  Path data;

  @Option(names = "--xmx", defaultValue = "1638m", paramLabel = "SIZE",
      description = "Heap of each child JVM (default: ${DEFAULT-VALUE}, ReconcileFunction's 2048 MB at MaxRAMPercentage=80).")
  String xmx;

  @Override
  public Integer call() throws Exception {
    Path dir = (data != null ? data : Path.of(System.getProperty("java.io.tmpdir"), "pagorecon-bench"))
        .resolve("daily-" + orders + "-days-" + days + "-seed-" + seed);
    if (!Files.exists(dir.resolve("done"))) {
      long t0 = System.nanoTime();
      generate(dir);
      System.out.println("generated " + dir + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
    // the indexes as the earlier days' runs would have written them: the first indexed run finds none,
    // reads the seven exports whole and writes their indexes (timed too: the first run after deploying)
    deleteTree(dir.resolve("lookback"));
    String rebuild = child(dir, "indexed", dir.resolve("out-rebuild"));
    List<String> full = new ArrayList<>();
    List<String> indexed = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      full.add(child(dir, "full", dir.resolve("out-full")));
      indexed.add(child(dir, "indexed", dir.resolve("out-indexed")));
    }
    for (String side : List.of("out-rebuild", "out-indexed")) {
      for (String f : List.of("discrepancies.csv", "summary.json")) {
        if (!Arrays.equals(Files.readAllBytes(dir.resolve("out-full").resolve(f)), Files.readAllBytes(dir.resolve(side).resolve(f)))) {
          System.out.println("DIFFERENT " + side + "/" + f + " from the full read's");
          return 1;
        }
      }
    }
    long fullMs = median(full, "ms");
    long indexedMs = median(indexed, "ms");
    System.out.printf("daily orders_per_day=%d lookback_days=%d full_ms=%d indexed_ms=%d first_indexed_ms=%d ratio=%.2f full_rss_mb=%d indexed_rss_mb=%d"
            + " first_indexed_rss_mb=%d full_cpu_ms=%d indexed_cpu_ms=%d reports=identical%n",
        orders, days, fullMs, indexedMs, value(rebuild, "ms"), (double) indexedMs / fullMs, median(full, "peak_rss_mb"),
        median(indexed, "peak_rss_mb"), value(rebuild, "peak_rss_mb"), median(full, "cpu_ms"), median(indexed, "cpu_ms"));
    return 0;
  }

  private String child(Path dir, String mode, Path out) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Xmx" + xmx);
    c.add("-XX:+UseParallelGC");
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(DailyRun.class.getName());
    c.add(dir.toString());
    c.add(mode);
    c.add(D.toString());
    c.add(String.valueOf(days));
    c.add(out.toString());
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    String last = null;
    try (InputStream in = p.getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        System.out.println("  " + line);
        if (line.startsWith("daily_run ")) {
          last = line;
        }
      }
    }
    if (p.waitFor() != 0 || last == null) {
      throw new IllegalStateException("the " + mode + " run failed");
    }
    return last;
  }

  static long value(String line, String key) {
    Matcher m = Pattern.compile("\\b" + key + "=(-?\\d+)").matcher(line);
    if (!m.find()) {
      throw new IllegalStateException(key + " missing in " + line);
    }
    return Long.parseLong(m.group(1));
  }

  static long median(List<String> lines, String key) {
    long[] v = lines.stream().mapToLong(l -> value(l, key)).sorted().toArray();
    return v[v.length / 2];
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /**
   * Eight days D-K..D of N orders each. Every date's export holds its own orders: 85% paid that day
   * (PAID, with a PAID statement row and a webhook), 15% PENDING (a PENDING row expiring 24 h after
   * creation). On D the gateway also reports paid CIPs of earlier orders, still PENDING in their
   * exports (PAID_NOT_RECORDED): 30% of D-1's pending orders, 10% of D-2's, 2% of each older date's;
   * 0.1% of the orders of every earlier date are paid again today through a re-issued CIP
   * (DUPLICATE_PAYMENT), a third of those with a late webhook. Of D's own paid orders 0.5% are still
   * PENDING in the export, 1% get a late webhook, 2% none. The statements of D and D-1 exist
   * (the run joins the previous day's rows); webhooks only for D.
   */
  void generate(Path dir) throws IOException {
    deleteTree(dir);
    Random r = new Random(seed);
    StatementOut today = new StatementOut(dir, D);
    try (BufferedWriter hooks = writer(dir.resolve("webhooks").resolve(D + ".tsv"))) {
      for (int back = days; back >= 0; back--) {
        LocalDate day = D.minusDays(back);
        StatementOut own = back == 0 ? today : back == 1 ? new StatementOut(dir, day) : null;
        try (BufferedWriter export = writer(dir.resolve("orders").resolve(day.toString()).resolve("shop.csv"))) {
          export.write("order_id,cip,amount,currency,status,created_at,paid_at\n");
          for (int i = 0; i < orders; i++) {
            String id = "O" + day.toString().replace("-", "") + "-" + i;
            long cip = 100_000_000_000L * (back + 1) + i;
            String amount = (10 + i % 500) + ".50";
            ZonedDateTime created = ZonedDateTime.of(day.atStartOfDay(), ZoneOffset.ofHours(-5)).plusSeconds((long) i * 86_399 / orders);
            boolean paid = r.nextInt(100) < 85;
            ZonedDateTime paidAt = created.plusMinutes(5 + r.nextInt(60));
            boolean recorded = paid && !(back == 0 && r.nextInt(200) == 0);
            export.write(id + "," + cip + "," + amount + ",PEN," + (recorded ? "PAID" : "PENDING") + "," + ts(created) + "," + (recorded ? ts(paidAt) : "") + "\n");
            if (own != null) {
              own.row(cip, id, amount, paid ? "PAID" : "PENDING", created, created.plusHours(24), paid ? paidAt : null);
            }
            if (back == 0 && paid) {
              int fate = r.nextInt(100);
              if (fate >= 2) {
                hooks.write(webhook(cip, id, amount, paidAt, fate < 3 ? paidAt.plusHours(2) : paidAt.plusSeconds(40)));
              }
            }
            if (back > 0 && !paid) {
              int per1000 = back == 1 ? 300 : back == 2 ? 100 : 20;
              if (r.nextInt(1000) < per1000) {
                ZonedDateTime at = ZonedDateTime.of(D.atStartOfDay(), ZoneOffset.ofHours(-5)).plusSeconds(r.nextInt(86_000));
                today.row(cip, id, amount, "PAID", created, created.plusHours(24 * 30), at);
                hooks.write(webhook(cip, id, amount, at, at.plusSeconds(40)));
              }
            }
            if (back > 0 && paid && r.nextInt(1000) == 0) {
              long again = 900_000_000_000L + (long) back * 10_000_000L + i;
              ZonedDateTime at = ZonedDateTime.of(D.atStartOfDay(), ZoneOffset.ofHours(-5)).plusSeconds(r.nextInt(86_000));
              today.row(again, id, amount, "PAID", at.minusHours(1), at.plusHours(24), at);
              hooks.write(webhook(again, id, amount, at, r.nextInt(3) == 0 ? at.plusHours(3) : at.plusSeconds(40)));
            }
          }
        }
        if (own != null && own != today) {
          own.close();
        }
      }
    }
    today.close();
    Files.writeString(dir.resolve("done"), "ok\n");
  }

  private static BufferedWriter writer(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
  }

  private static String ts(ZonedDateTime t) {
    // the generator's hot path: hand-formatted (DateTimeFormatter per row doubled the generation time)
    long local = t.toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(local, 86_400));
    int sec = (int) Math.floorMod(local, 86_400);
    StringBuilder b = new StringBuilder(25).append(day).append('T');
    two(b, sec / 3600).append(':');
    two(b, sec / 60 % 60).append(':');
    two(b, sec % 60);
    return b.append("-05:00").toString();
  }

  private static StringBuilder two(StringBuilder b, int v) {
    return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static String webhook(long cip, String order, String amount, ZonedDateTime paidAt, ZonedDateTime received) {
    return received.toInstant().toEpochMilli() + "\t{\"eventType\":\"cip.paid\",\"operationNumber\":\"" + cip + "\",\"data\":{\"cip\":\"" + cip
        + "\",\"currency\":\"PEN\",\"amount\":" + amount + ",\"paymentDate\":\"" + ts(paidAt) + "\",\"transactionCode\":\"" + order + "\"}}\n";
  }

  /** A statement.csv and, on close, its manifest with the SHA-256 the daily run checks. */
  private static final class StatementOut {
    private final Path dir;
    private final BufferedWriter out;
    private final MessageDigest sha;

    StatementOut(Path root, LocalDate date) throws IOException {
      dir = root.resolve("statements").resolve(date.toString());
      out = writer(dir.resolve("statement.csv"));
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      write("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n");
    }

    void row(long cip, String code, String amount, String status, ZonedDateTime created, ZonedDateTime expires, ZonedDateTime paid) throws IOException {
      write(cip + "," + code + "," + amount + ",PEN," + status + "," + ts(created) + "," + ts(expires) + "," + (paid == null ? "" : ts(paid)) + ",\n");
    }

    private void write(String s) throws IOException {
      out.write(s);
      sha.update(s.getBytes(StandardCharsets.UTF_8));
    }

    void close() throws IOException {
      out.close();
      Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\":1,\"file\":{\"name\":\"statement.csv\",\"sha256\":\""
          + HexFormat.of().formatHex(sha.digest()) + "\"}}");
    }
  }
}
