package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.reconcile.columns.StringColumn;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.core.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The findings of a run as columns: category, time, business date and the order, statement row and
 * webhook they are about (about 30 bytes each). Everything a {@link Discrepancy} says is derived
 * from those and the input columns, so a finding becomes an object only when it is read, and the
 * report is the same bytes as when every finding was an object.
 */
final class Findings {

  private static final Category[] CATEGORIES = Category.values();
  private static final int NO_DAY = Integer.MIN_VALUE;
  private static final StringColumn EMPTY = new StringColumn(1);

  static {
    EMPTY.add("");
  }

  private final OrderColumns orders;
  private final StatementColumns rows;
  private final WebhookColumns hooks;
  private final BusinessCalendar calendar;
  private byte[] category = new byte[64];
  private long[] time = new long[64];
  private int[] day = new int[64];
  private int[] order = new int[64];
  private int[] row = new int[64];
  private int[] hook = new int[64];
  /** DUPLICATE_PAYMENT's cip column and detail, which list several CIPs (rare). */
  private final List<String[]> texts = new ArrayList<>();
  private int size;
  private int[] sorted;

  Findings(OrderColumns orders, StatementColumns rows, WebhookColumns hooks, BusinessCalendar calendar) {
    this.orders = orders;
    this.rows = rows;
    this.hooks = hooks;
    this.calendar = calendar;
  }

  int size() {
    return size;
  }

  Category category(int k) {
    return CATEGORIES[category[k]];
  }

  /** Adds a finding; {@code texts} only for DUPLICATE_PAYMENT (cip column, detail). */
  void add(Category c, long t, int orderIndex, int rowIndex, int hookIndex, String[] cipAndDetail) {
    if (size == category.length) {
      int n = size + (size >> 1) + 16;
      category = Arrays.copyOf(category, n);
      time = Arrays.copyOf(time, n);
      day = Arrays.copyOf(day, n);
      order = Arrays.copyOf(order, n);
      row = Arrays.copyOf(row, n);
      hook = Arrays.copyOf(hook, n);
    }
    category[size] = (byte) c.ordinal();
    time[size] = t;
    day[size] = t == Times.NONE ? NO_DAY : (int) calendar.businessDate(Instant.ofEpochMilli(t)).toEpochDay();
    order[size] = orderIndex;
    row[size] = rowIndex;
    if (cipAndDetail != null) {
      hook[size] = -2 - texts.size();
      texts.add(cipAndDetail);
    } else {
      hook[size] = hookIndex;
    }
    size++;
  }

  /** Sorts by {@link Reconciler#ORDER} (business date, severity, category, order id, CIP, detail). */
  void sort() {
    int[] idx = new int[size];
    for (int k = 0; k < size; k++) {
      idx[k] = k;
    }
    IntSort.sort(idx, this::compare);
    sorted = idx;
  }

  /** The findings in report order, each built when read. */
  List<Discrepancy> asList() {
    return new View(this);
  }

  /** An immutable list over the findings; {@link ReconcileResult} keeps it as it is. */
  static final class View extends AbstractList<Discrepancy> implements RandomAccess {
    private final Findings findings;

    View(Findings findings) {
      this.findings = findings;
    }

    @Override
    public Discrepancy get(int index) {
      return findings.discrepancy(findings.sorted[index]);
    }

    @Override
    public int size() {
      return findings.size;
    }
  }

  private int compare(int a, int b) {
    int c = Integer.compare(day[a], day[b]);
    if (c != 0) {
      return c;
    }
    Category ca = CATEGORIES[category[a]];
    Category cb = CATEGORIES[category[b]];
    c = ca.severity().compareTo(cb.severity());
    if (c != 0) {
      return c;
    }
    c = ca.compareTo(cb);
    if (c != 0) {
      return c;
    }
    c = compareOrderIds(a, b);
    if (c != 0) {
      return c;
    }
    c = cip(a).compareTo(cip(b));
    if (c != 0) {
      return c;
    }
    return detail(a).compareTo(detail(b));
  }

  private int compareOrderIds(int a, int b) {
    StringColumn ca = idColumn(a);
    StringColumn cb = idColumn(b);
    return ca.compareAt(idIndex(a), cb, idIndex(b));
  }

  /** The column holding the finding's order id: the order's, else the code the gateway or webhook claimed. */
  private StringColumn idColumn(int k) {
    if (order[k] >= 0) {
      return orders.ids();
    }
    CodeColumn codes = codeSource(k);
    int j = codes == rows.codes() ? row[k] : hook[k];
    StringColumn c = codes.columnOf(j);
    return c == null ? EMPTY : c;
  }

  private int idIndex(int k) {
    if (order[k] >= 0) {
      return order[k];
    }
    CodeColumn codes = codeSource(k);
    int j = codes == rows.codes() ? row[k] : hook[k];
    return codes.columnOf(j) == null ? 0 : codes.indexIn(j);
  }

  /** Where the fallback order id comes from: the row's code for the statement's categories, else the webhook's. */
  private CodeColumn codeSource(int k) {
    Category c = CATEGORIES[category[k]];
    return c == Category.UNKNOWN_ORDER || c == Category.MISSING_WEBHOOK ? rows.codes() : hooks.codes();
  }

  private String orderId(int k) {
    if (order[k] >= 0) {
      return orders.orderId(order[k]);
    }
    CodeColumn codes = codeSource(k);
    String code = codes.get(codes == rows.codes() ? row[k] : hook[k]);
    return code == null ? "" : code;
  }

  private String cip(int k) {
    switch (CATEGORIES[category[k]]) {
      case DUPLICATE_PAYMENT:
        return texts.get(-2 - hook[k])[0];
      case RECORDED_NOT_PAID:
      case EXPIRED_ORDER_OPEN:
        return Cips.format(orders.cip(order[k]));
      case LATE_WEBHOOK:
      case WEBHOOK_NOT_CONFIRMED:
        return Cips.format(hooks.cip(hook[k]));
      default:
        return Cips.format(rows.cip(row[k]));
    }
  }

  private String detail(int k) {
    int i = order[k];
    int j = row[k];
    switch (CATEGORIES[category[k]]) {
      case PAID_NOT_RECORDED:
        return "gateway PAID but order " + orders.status(i);
      case AMOUNT_MISMATCH:
        return amountDetail(Money.ofMinor(rows.amountMinor(j), rows.currency(j)), Money.ofMinor(orders.amountMinor(i), orders.currency(i)));
      case CURRENCY_MISMATCH:
        return "gateway " + rows.currency(j) + " vs order " + orders.currency(i);
      case REFUND_NOT_SYNCED:
        return "gateway REFUNDED but order " + orders.status(i);
      case RECORDED_NOT_PAID:
        return "order " + orders.status(i) + " but no CIP of it is paid at the gateway";
      case DUPLICATE_PAYMENT:
        return texts.get(-2 - hook[k])[1];
      case EXPIRED_ORDER_OPEN:
        return "PENDING since " + format(orders.createdAt(i)) + ", nothing payable after " + format(time[k]);
      case UNKNOWN_ORDER: {
        String code = rows.transactionCode(j);
        return code == null || code.isEmpty() ? "PAID CIP without a transaction code matches no order" : "no order " + code;
      }
      case MISSING_WEBHOOK:
        return "gateway PAID but no verified cip.paid webhook";
      case LATE_WEBHOOK:
        // the finding's time is the payment time the delay is measured from
        return "webhook received " + (hooks.receivedAt(hook[k]) - time[k]) / 60_000 + " min after the payment";
      case WEBHOOK_NOT_CONFIRMED:
        return (j < 0 ? "cip.paid webhook but the gateway does not know the CIP" : "cip.paid webhook but the gateway says " + rows.status(j)) + webhookAmount(hook[k]);
      default:
        throw new IllegalStateException("no detail for " + category(k));
    }
  }

  private String webhookAmount(int w) {
    Currency c = hooks.currency(w);
    return c == null ? "" : " (webhook " + Money.ofMinor(hooks.amountMinor(w), c) + ")";
  }

  static String amountDetail(Money gateway, Money order) {
    if (gateway.isHundredfoldOf(order)) {
      return gateway.amount().abs().compareTo(order.amount().abs()) > 0
          ? "x100: gateway " + gateway.toPlainString() + " is 100 times the order amount " + order.toPlainString()
          : "x100: order " + order.toPlainString() + " is 100 times the gateway amount " + gateway.toPlainString();
    }
    return "gateway " + gateway.toPlainString() + " vs order " + order.toPlainString();
  }

  private String format(long millis) {
    return Timestamps.format(Instant.ofEpochMilli(millis).atZone(calendar.zone()).toOffsetDateTime());
  }

  private Discrepancy discrepancy(int k) {
    int i = order[k];
    int j = row[k];
    Category c = CATEGORIES[category[k]];
    Currency currency;
    if (i >= 0) {
      currency = orders.currency(i);
    } else if (j >= 0) {
      currency = rows.currency(j);
    } else if (c == Category.LATE_WEBHOOK || c == Category.WEBHOOK_NOT_CONFIRMED) {
      currency = hooks.currency(hook[k]);
    } else {
      currency = null;
    }
    long t = time[k];
    Optional<Instant> when = t == Times.NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
    return new Discrepancy(
        c,
        day[k] == NO_DAY ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(day[k])),
        orderId(k),
        cip(k),
        i < 0 ? Optional.empty() : Optional.of(Money.ofMinor(orders.amountMinor(i), orders.currency(i))),
        j < 0 ? Optional.empty() : Optional.of(Money.ofMinor(rows.amountMinor(j), rows.currency(j))),
        Optional.ofNullable(currency),
        i < 0 ? Optional.empty() : Optional.of(orders.status(i)),
        j < 0 ? Optional.<PaymentState>empty() : Optional.of(rows.status(j)),
        detail(k),
        when);
  }
}
