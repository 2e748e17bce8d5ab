package io.pagorecon.core.reconcile;

import io.pagorecon.core.time.Timestamps;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A throwaway deterministic generator of Contract 2 files with a few percent of every failure,
 * timestamps in several offsets, for property tests and the local 1M measurement (run main with N
 * and a directory). The simulator's scenario generator replaces it for the bench.
 */
public final class SyntheticDataset {

  public static final String ORDERS_HEADER = "order_id,cip,amount,currency,status,created_at,paid_at";
  public static final String STATEMENT_HEADER = "cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at";
  private static final ZoneOffset[] OFFSETS = {ZoneOffset.UTC, ZoneOffset.ofHours(-5), ZoneOffset.ofHours(8)};
  public static final Instant BASE = Instant.parse("2024-01-15T05:00:00Z");

  public final List<String> orders = new ArrayList<>();
  public final List<String> statement = new ArrayList<>();
  public final List<String> webhooks = new ArrayList<>();

  public static SyntheticDataset generate(int n, long seed) {
    SyntheticDataset d = new SyntheticDataset();
    Random rnd = new Random(seed);
    long extraCip = 90_000_000_000L;
    for (int i = 0; i < n; i++) {
      String id = "ORD-" + i;
      long cip = 10_000_000L + i;
      long minor = 100 + rnd.nextInt(99_900);
      String amount = money(minor);
      String currency = rnd.nextInt(10) == 0 ? "USD" : "PEN";
      // orders spread over three days, so dates near Lima midnight occur
      Instant created = BASE.plusSeconds(rnd.nextInt(3 * 86_400));
      Instant paid = created.plusSeconds(60 + rnd.nextInt(7200));
      Instant received = paid.plusSeconds(rnd.nextInt(600));
      int scenario = rnd.nextInt(100);
      String orderStatus = rnd.nextBoolean() ? "PAID" : "SHIPPED";
      String rowStatus = "PAID";
      String rowAmount = amount;
      String rowCurrency = currency;
      boolean hasRow = true;
      boolean hasOrder = true;
      int hooks = 1;
      if (scenario < 2) {
        orderStatus = "PENDING";
      } else if (scenario == 2) {
        rowStatus = "EXPIRED";
        hooks = 0;
      } else if (scenario == 3) {
        rowStatus = "EXPIRED";
        orderStatus = "PENDING";
      } else if (scenario == 4) {
        rowAmount = money(minor * 100);
      } else if (scenario == 5) {
        rowCurrency = currency.equals("PEN") ? "USD" : "PEN";
      } else if (scenario == 6) {
        long dup = extraCip++;
        d.statement.add(row(dup, id, amount, currency, "PAID", created, paid.plusSeconds(3600), rnd));
        d.webhooks.add(hook(dup, id, amount, currency, paid.plusSeconds(3600), paid.plusSeconds(3700), rnd));
      } else if (scenario == 7) {
        rowStatus = "REFUNDED";
      } else if (scenario == 8) {
        hasOrder = false;
      } else if (scenario == 9) {
        hooks = 0;
      } else if (scenario == 10) {
        received = paid.plusSeconds(1800 + 60 + rnd.nextInt(3600));
      } else if (scenario < 14) {
        orderStatus = "PENDING";
        rowStatus = "PENDING";
        hooks = 0;
      } else if (scenario < 16) {
        orderStatus = "PENDING";
        rowStatus = "EXPIRED";
        hooks = 0;
      } else if (scenario < 18) {
        orderStatus = "CANCELLED";
        rowStatus = "EXPIRED";
        hooks = 0;
      } else if (scenario < 20) {
        hooks = 2;
      }
      boolean paidRow = rowStatus.equals("PAID") || rowStatus.equals("REFUNDED");
      if (hasOrder) {
        String paidAt = orderStatus.equals("PAID") || orderStatus.equals("SHIPPED") ? ts(paid, rnd) : "";
        d.orders.add(id + "," + cip + "," + amount + "," + currency + "," + orderStatus + "," + ts(created, rnd) + "," + paidAt);
      }
      if (hasRow) {
        d.statement.add(row(cip, id, rowAmount, rowCurrency, rowStatus, created, paidRow ? paid : null, rnd));
      }
      for (int h = 0; h < hooks; h++) {
        d.webhooks.add(hook(cip, id, amount, currency, paid, received.plusSeconds(h * 5L), rnd));
      }
    }
    return d;
  }

  private static String row(long cip, String code, String amount, String currency, String status, Instant created, Instant paid, Random rnd) {
    return cip + "," + code + "," + amount + "," + currency + "," + status + "," + ts(created, rnd) + "," + ts(created.plusSeconds(2 * 86_400), rnd) + "," + (paid == null ? "" : ts(paid, rnd)) + ",";
  }

  private static String hook(long cip, String code, String amount, String currency, Instant paid, Instant received, Random rnd) {
    return "{\"receivedAt\":\"" + ts(received, rnd) + "\",\"body\":{\"eventType\":\"cip.paid\",\"operationNumber\":\"" + (cip % 100000)
        + "\",\"data\":{\"cip\":\"" + cip + "\",\"currency\":\"" + currency + "\",\"amount\":" + amount
        + ",\"paymentDate\":\"" + Timestamps.formatLima(paid) + "\",\"transactionCode\":\"" + code + "\"}}}";
  }

  private static String ts(Instant t, Random rnd) {
    return Timestamps.format(t.atOffset(OFFSETS[rnd.nextInt(OFFSETS.length)]));
  }

  private static String money(long minor) {
    return (minor / 100) + "." + String.format("%02d", minor % 100);
  }

  public static List<String> shuffled(List<String> lines, long seed) {
    List<String> copy = new ArrayList<>(lines);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  public static byte[] csv(String header, List<String> lines) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] jsonl(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes orders.csv, statement.csv and webhooks.jsonl: {@code main N DIR [SEED]}. */
  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    SyntheticDataset d = generate(n, seed);
    Files.createDirectories(dir);
    write(dir.resolve("orders.csv"), ORDERS_HEADER, d.orders);
    write(dir.resolve("statement.csv"), STATEMENT_HEADER, d.statement);
    write(dir.resolve("webhooks.jsonl"), null, d.webhooks);
  }

  private static void write(Path file, String header, List<String> lines) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (header != null) {
        w.write(header);
        w.write('\n');
      }
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
  }
}
