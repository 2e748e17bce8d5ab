package io.pagorecon.simulator.scenario;

import io.pagorecon.simulator.scenario.PlannedOrder.Delivery;
import io.pagorecon.simulator.scenario.PlannedOrder.Finding;
import io.pagorecon.simulator.scenario.PlannedOrder.OrderRow;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedCip;
import io.pagorecon.simulator.scenario.PlannedOrder.PlannedWebhook;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates a business day, order by order, from one seeded random sequence: the same config
 * always gives the same orders, CIPs, webhooks and findings. Streaming: nothing is kept in memory.
 *
 * <p>Every finding belongs to the configured business date (America/Lima): paid items by their
 * gateway payment time, unpaid ones by their creation time, an expired open order by the moment
 * its 24 hours ran out. About one anchor in ten falls within two minutes of Lima midnight, and
 * timestamps are written with {@code -05:00}, {@code Z} or {@code +08:00}, so a reconciler that
 * dates by UTC or by the written offset gets it wrong.
 */
public final class ScenarioGenerator {

  static final ZoneOffset LIMA = ZoneOffset.ofHours(-5);
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final int DAY = 86_400;

  private final ScenarioConfig config;
  private final Fate[] fates = Fate.values();
  private final double[] cumulative;
  private final long dayStart;

  public ScenarioGenerator(ScenarioConfig config) {
    this.config = config;
    this.cumulative = new double[fates.length];
    double acc = 0;
    for (int i = 0; i < fates.length; i++) {
      if (fates[i] != Fate.MATCHED) {
        acc += config.rates().getOrDefault(fates[i], 0.0);
      }
      cumulative[i] = acc;
    }
    this.dayStart = config.businessDate().atStartOfDay(ZoneId.of("America/Lima")).toEpochSecond();
  }

  /** Calls {@code sink} once per order, in order. */
  public void generate(Consumer<PlannedOrder> sink) {
    SplittableRandom rng = new SplittableRandom(config.seed());
    long[] cipCounter = {1_000_000L};
    long[] opCounter = {5_000L};
    String prefix = "ORD-" + config.businessDate().toString().replace("-", "") + "-";
    for (int i = 1; i <= config.orders(); i++) {
      String orderId = prefix + pad(i);
      sink.accept(one(orderId, pick(rng), rng, cipCounter, opCounter));
    }
  }

  private static String pad(int i) {
    String s = Integer.toString(i);
    return s.length() >= 7 ? s : "0000000".substring(s.length()) + s;
  }

  private Fate pick(SplittableRandom rng) {
    double r = rng.nextDouble();
    for (int i = 0; i < fates.length; i++) {
      if (fates[i] != Fate.MATCHED && r < cumulative[i]) {
        return fates[i];
      }
    }
    return Fate.MATCHED;
  }

  // ---- time ----

  /** An instant (epoch seconds) on the business date, leaving {@code spanAfter} seconds in it. */
  private long anchor(SplittableRandom rng, int spanAfter) {
    if (rng.nextInt(10) == 0) {
      // Near Lima midnight: the first two minutes, or the last two when the fate allows it.
      return spanAfter <= 120 && rng.nextBoolean() ? dayStart + DAY - 1 - rng.nextInt(120) : dayStart + rng.nextInt(120);
    }
    return dayStart + rng.nextInt(DAY - spanAfter);
  }

  private static ZoneOffset offset(SplittableRandom rng) {
    int r = rng.nextInt(10);
    return r < 7 ? LIMA : r < 9 ? ZoneOffset.UTC : CHINA;
  }

  static OffsetDateTime at(long epochSecond, ZoneOffset offset) {
    return OffsetDateTime.of(LocalDateTime.ofEpochSecond(epochSecond, 0, offset), offset);
  }

  private static OffsetDateTime lima(long epochSecond) {
    return at(epochSecond, LIMA);
  }

  // ---- one order ----

  private PlannedOrder one(String orderId, Fate fate, SplittableRandom rng, long[] cips, long[] ops) {
    BigDecimal amount = BigDecimal.valueOf(100 + rng.nextLong(200_000), 2);
    String currency = rng.nextInt(10) == 0 ? "USD" : "PEN";
    ZoneOffset shopZone = offset(rng);
    ZoneOffset gatewayZone = rng.nextInt(5) == 0 ? ZoneOffset.UTC : LIMA;
    long cip = ++cips[0];
    String op = Long.toString(++ops[0]);
    List<PlannedCip> cipList = new ArrayList<>(2);
    List<PlannedWebhook> hooks = new ArrayList<>(2);
    List<Finding> findings = new ArrayList<>(2);
    for (String category : fate.categories()) {
      findings.add(new Finding(category, orderId, cip));
    }
    OrderRow order;
    switch (fate) {
      case PENDING_OPEN:
      case CANCELLED:
      case RECORDED_NOT_PAID:
      case FORGED_WEBHOOK:
      case SANDBOX_WEBHOOK: {
        long created = anchor(rng, 7200);
        long expires = created + 48 * 3600;
        boolean cancelled = fate == Fate.CANCELLED;
        long removed = created + 600 + rng.nextInt(3000);
        cipList.add(new PlannedCip(cip, orderId, amount, currency, cancelled ? "DELETED" : "PENDING",
            at(created, gatewayZone), at(expires, gatewayZone), Optional.empty(),
            cancelled ? Optional.of(at(removed, gatewayZone)) : Optional.empty(), ""));
        String status = cancelled ? "CANCELLED" : fate == Fate.PENDING_OPEN ? "PENDING" : shippedOrPaid(rng);
        Optional<OffsetDateTime> shopPaid = Optional.empty();
        if (fate == Fate.FORGED_WEBHOOK || fate == Fate.SANDBOX_WEBHOOK) {
          // The forged notification claims a payment that never happened.
          long claimed = created + 60 + rng.nextInt(1800);
          hooks.add(new PlannedWebhook(cip, body("cip.paid", op, cip, currency, amount, claimed, orderId), lima(claimed + 5),
              fate == Fate.FORGED_WEBHOOK ? Delivery.FORGED : Delivery.SANDBOX));
          shopPaid = Optional.of(at(claimed + 6, shopZone));
        } else if (fate == Fate.RECORDED_NOT_PAID) {
          shopPaid = Optional.of(at(created + 120 + rng.nextInt(600), shopZone));
        }
        order = new OrderRow(orderId, cip, amount, currency, status, at(created, shopZone), shopPaid);
        break;
      }
      case EXPIRED_OPEN: {
        long ranOut = anchor(rng, 0);
        long created = ranOut - DAY;
        long expires = created + 3600 + rng.nextInt(11 * 3600);
        cipList.add(new PlannedCip(cip, orderId, amount, currency, "EXPIRED", at(created, gatewayZone),
            at(expires, gatewayZone), Optional.empty(), Optional.empty(), ""));
        order = new OrderRow(orderId, cip, amount, currency, "PENDING", at(created, shopZone), Optional.empty());
        break;
      }
      case UNCONFIRMED_WEBHOOK: {
        long created = anchor(rng, 3600);
        long claimed = created + 300 + rng.nextInt(3000);
        cipList.add(new PlannedCip(cip, orderId, amount, currency, "PENDING", at(created, gatewayZone),
            at(created + 48 * 3600, gatewayZone), Optional.empty(), Optional.empty(), ""));
        hooks.add(new PlannedWebhook(cip, body("cip.paid", op, cip, currency, amount, claimed, orderId), lima(claimed + 20), Delivery.VERIFIED));
        order = new OrderRow(orderId, cip, amount, currency, shippedOrPaid(rng), at(created, shopZone), Optional.of(at(claimed + 21, shopZone)));
        break;
      }
      default:
        order = paid(orderId, fate, rng, cip, op, amount, currency, shopZone, gatewayZone, cipList, hooks, findings, cips, ops);
        break;
    }
    return new PlannedOrder(orderId, fate, Optional.ofNullable(order), List.copyOf(cipList), List.copyOf(hooks), List.copyOf(findings));
  }

  private static String shippedOrPaid(SplittableRandom rng) {
    return rng.nextBoolean() ? "PAID" : "SHIPPED";
  }

  /** Fates where the CIP is paid at the gateway. */
  private OrderRow paid(String orderId, Fate fate, SplittableRandom rng, long cip, String op, BigDecimal amount, String currency,
      ZoneOffset shopZone, ZoneOffset gatewayZone, List<PlannedCip> cipList, List<PlannedWebhook> hooks, List<Finding> findings,
      long[] cips, long[] ops) {
    boolean needsRoom = fate == Fate.REFUND_NOT_SYNCED || fate == Fate.DUPLICATE_PAYMENT;
    long paidAt = fate == Fate.PREVIOUS_DAY
        ? dayStart - 1 - rng.nextInt(600) // 23:50–23:59 Lima yesterday = 04:50–04:59Z today
        : anchor(rng, needsRoom ? 7200 : 0);
    long created = paidAt - 300 - rng.nextInt(3 * 3600);
    long expires = created + 48 * 3600;
    String cipCurrency = fate == Fate.CURRENCY_MISMATCH ? "USD" : currency;
    String orderCurrency = fate == Fate.CURRENCY_MISMATCH ? "PEN" : currency;
    BigDecimal cipAmount = fate == Fate.CENTS_AMOUNT ? amount.movePointRight(2).setScale(2) : amount;
    Optional<OffsetDateTime> removed = Optional.empty();
    String gatewayStatus = "PAID";
    if (fate == Fate.REFUND_NOT_SYNCED) {
      gatewayStatus = "REFUNDED";
      removed = Optional.of(at(paidAt + 600 + rng.nextInt(5400), gatewayZone));
    }
    cipList.add(new PlannedCip(cip, orderId, cipAmount, cipCurrency, gatewayStatus, at(created, gatewayZone),
        at(expires, gatewayZone), Optional.of(at(paidAt, gatewayZone)), removed, op));

    long received = fate == Fate.LATE_WEBHOOK
        ? paidAt + config.lateAfter().getSeconds() + 60 + rng.nextInt(3 * 3600)
        : paidAt + 10 + rng.nextInt(290);
    String body = body("cip.paid", op, cip, cipCurrency, cipAmount, paidAt, orderId);
    if (fate == Fate.LOST_WEBHOOK) {
      hooks.add(new PlannedWebhook(cip, body, lima(received), Delivery.LOST));
    } else {
      hooks.add(new PlannedWebhook(cip, body, at(received, rng.nextBoolean() ? ZoneOffset.UTC : LIMA), Delivery.VERIFIED));
      if (fate == Fate.DUPLICATE_WEBHOOK) {
        hooks.add(new PlannedWebhook(cip, body, at(received + 1 + rng.nextInt(60), LIMA), Delivery.VERIFIED));
      }
    }
    if (fate == Fate.DUPLICATE_PAYMENT) {
      // A second CIP for the same order, paid too; its findings carry the second CIP.
      long second = ++cips[0];
      String op2 = Long.toString(++ops[0]);
      long paid2 = paidAt + 60 + rng.nextInt(3600);
      cipList.add(new PlannedCip(second, orderId, amount, currency, "PAID", at(created + 30, gatewayZone),
          at(expires + 30, gatewayZone), Optional.of(at(paid2, gatewayZone)), Optional.empty(), op2));
      findings.clear();
      findings.add(new Finding("DUPLICATE_PAYMENT", orderId, second));
      String body2 = body("cip.paid", op2, second, currency, amount, paid2, orderId);
      if (rng.nextBoolean()) {
        hooks.add(new PlannedWebhook(second, body2, lima(paid2 + 30), Delivery.LOST));
        findings.add(new Finding("MISSING_WEBHOOK", orderId, second));
      } else {
        hooks.add(new PlannedWebhook(second, body2, lima(paid2 + 30), Delivery.VERIFIED));
      }
    }
    if (fate == Fate.UNKNOWN_ORDER) {
      return null;
    }
    boolean recorded = fate != Fate.LOST_WEBHOOK && fate != Fate.PAID_NOT_RECORDED && fate != Fate.PREVIOUS_DAY;
    String status = recorded ? shippedOrPaid(rng) : fate == Fate.PAID_NOT_RECORDED && rng.nextInt(3) == 0 ? "CANCELLED" : "PENDING";
    Optional<OffsetDateTime> shopPaid = recorded ? Optional.of(at(received + 1, shopZone)) : Optional.empty();
    return new OrderRow(orderId, cip, amount, orderCurrency, status, at(created, shopZone), shopPaid);
  }

  /** The notification as PagoEfectivo sends it: compact, cip as a string, amount as a number. */
  static String body(String eventType, String op, long cip, String currency, BigDecimal amount, long paymentEpoch, String transactionCode) {
    StringBuilder b = new StringBuilder(200);
    b.append("{\"eventType\":\"").append(eventType).append("\",\"operationNumber\":\"").append(op)
        .append("\",\"data\":{\"cip\":\"").append(cip).append("\",\"currency\":\"").append(currency)
        .append("\",\"amount\":").append(wireAmount(amount)).append(",\"paymentDate\":\"");
    Times.append(b, paymentEpoch, LIMA);
    b.append("\",\"transactionCode\":\"").append(transactionCode).append("\"}}");
    return b.toString();
  }

  /** Trailing zeros dropped, as PagoEfectivo writes amounts. */
  static String wireAmount(BigDecimal amount) {
    String s = amount.toPlainString();
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
