package io.pagorecon.simulator.scenario;

import io.pagorecon.simulator.scenario.PlannedOrder.Delivery;
import io.pagorecon.simulator.scenario.PlannedOrder.Finding;
import io.pagorecon.simulator.scenario.PlannedOrder.OrderRow;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedCip;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedWebhook;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a scenario to the Contract 2 files (docs/contracts.md), streaming: {@code orders.csv}, {@code
 * statement.csv}, {@code webhooks.jsonl} (verified notifications only) and {@code
 * ground-truth.csv} ({@code category,order_id,cip}: what a correct reconciliation of the business
 * date must report).
 */
public final class ScenarioFiles {

  public static final String ORDERS = "orders.csv";
  public static final String STATEMENT = "statement.csv";
  public static final String WEBHOOKS = "webhooks.jsonl";
  public static final String GROUND_TRUTH = "ground-truth.csv";

  /** What was written: orders per fate and findings per category. */
  public record Summary(Map<Fate, Integer> fates, Map<String, Integer> findings, long orderRows, long statementRows, long webhookLines) {}

  private ScenarioFiles() {}

  public static Summary write(ScenarioConfig config, Path dir) {
    try {
      Files.createDirectories(dir);
      try (Writer orders = open(dir.resolve(ORDERS));
          Writer statement = open(dir.resolve(STATEMENT));
          Writer webhooks = open(dir.resolve(WEBHOOKS));
          Writer truth = open(dir.resolve(GROUND_TRUTH))) {
        orders.write("order_id,cip,amount,currency,status,created_at,paid_at\n");
        statement.write("cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at\n");
        truth.write("category,order_id,cip\n");
        Map<Fate, Integer> fates = new EnumMap<>(Fate.class);
        Map<String, Integer> findings = new TreeMap<>();
        long[] counts = new long[3];
        StringBuilder b = new StringBuilder(1024);
        new ScenarioGenerator(config).generate(o -> {
          fates.merge(o.fate(), 1, Integer::sum);
          b.setLength(0);
          if (o.order().isPresent()) {
            order(b, o.order().get());
            counts[0]++;
          }
          write(orders, b);
          b.setLength(0);
          for (PlannedCip c : o.cips()) {
            cip(b, c);
            counts[1]++;
          }
          write(statement, b);
          b.setLength(0);
          for (PlannedWebhook w : o.webhooks()) {
            if (w.delivery() == Delivery.VERIFIED) {
              b.append("{\"receivedAt\":\"");
              Times.append(b, w.receivedAt());
              b.append("\",\"body\":").append(w.body()).append("}\n");
              counts[2]++;
            }
          }
          write(webhooks, b);
          b.setLength(0);
          for (Finding f : o.findings()) {
            b.append(f.category()).append(',').append(f.orderId()).append(',').append(f.cip()).append('\n');
            findings.merge(f.category(), 1, Integer::sum);
          }
          write(truth, b);
        });
        return new Summary(fates, findings, counts[0], counts[1], counts[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scenario to " + dir, e);
    }
  }

  private static Writer open(Path p) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 16);
  }

  private static void write(Writer w, StringBuilder b) {
    try {
      w.append(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void order(StringBuilder b, OrderRow o) {
    b.append(o.orderId()).append(',').append(o.cip()).append(',').append(o.amount().toPlainString()).append(',')
        .append(o.currency()).append(',').append(o.status()).append(',');
    Times.append(b, o.createdAt());
    b.append(',');
    time(b, o.paidAt());
    b.append('\n');
  }

  private static void cip(StringBuilder b, PlannedCip c) {
    b.append(c.cip()).append(',').append(c.transactionCode()).append(',').append(c.amount().toPlainString()).append(',')
        .append(c.currency()).append(',').append(c.status()).append(',');
    Times.append(b, c.createdAt());
    b.append(',');
    Times.append(b, c.expiresAt());
    b.append(',');
    time(b, c.paidAt());
    b.append(',');
    time(b, c.removedAt());
    b.append('\n');
  }

  private static void time(StringBuilder b, Optional<OffsetDateTime> t) {
    t.ifPresent(v -> Times.append(b, v));
  }
}
