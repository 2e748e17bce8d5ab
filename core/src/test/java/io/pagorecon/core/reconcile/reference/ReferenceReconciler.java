package io.pagorecon.core.reconcile.reference;

import io.pagorecon.core.reconcile.internal.LongIntMap;
import io.pagorecon.core.reconcile.*;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.InputConflictException.Source;
import io.pagorecon.core.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object-per-row engine as it was before the column layout, kept unchanged as the reference
 * the column engine's reports are compared with, byte for byte ({@code ColumnEngineEquivalenceTest}).
 *
 * <p>Three-way reconciliation (docs/contracts.md: Contract 1, dates per Contract 2). Linear time: every input
 * is indexed once in hash maps, then each order, statement row and webhook is visited once. The
 * output does not depend on the order of the inputs: the findings are sorted by a total key and
 * every choice among several candidates (which webhook of a CIP counts, which order a CIP is
 * attributed to) is made by value, never by position. Interpretations are in
 * docs/reconciliation.md.
 */
public final class ReferenceReconciler {

  /** The stable order of report rows. */
  public static final Comparator<Discrepancy> ORDER =
      Comparator.comparing((Discrepancy d) -> d.businessDate().orElse(LocalDate.MIN))
          .thenComparing(Discrepancy::severity)
          .thenComparing(Discrepancy::category)
          .thenComparing(Discrepancy::orderId)
          .thenComparing(Discrepancy::cip)
          .thenComparing(Discrepancy::detail);

  private final ReconcileConfig config;

  public ReferenceReconciler(ReconcileConfig config) {
    this.config = config;
  }

  public ReconcileConfig config() {
    return config;
  }

  /**
   * Reconciles the input within the scope.
   *
   * @throws InputConflictException when an order id or a statement CIP appears twice
   */
  public ReconcileResult reconcile(ReconcileInput input, Scope scope) throws InputConflictException {
    return new Run(input, scope).execute();
  }

  private final class Run {
    private final Order[] orders;
    private final StatementRow[] rows;
    private final WebhookReceipt[] hooks;
    private final Scope scope;
    private final boolean webhooksSupplied;
    private final long windowStart;
    private final long windowEnd;
    private final long asOf;

    private OrderIdIndex orderById;
    private LongIntMap orderHeadByCip;
    private int[] nextOrderSameCip;
    private LongIntMap rowByCip;
    private LongIntMap hookByCip;
    private int[] rowStart;
    private int[] rowList;
    private int[] primaryOrder;
    private boolean[] paidWebhookForOrder;
    private boolean[] hasFinding;
    private final List<Discrepancy> found = new ArrayList<>();

    Run(ReconcileInput input, Scope scope) {
      this.orders = input.orders().toArray(new Order[0]);
      this.rows = input.statement().toArray(new StatementRow[0]);
      this.hooks = input.webhooks().toArray(new WebhookReceipt[0]);
      this.scope = scope;
      this.webhooksSupplied = input.webhooksSupplied();
      this.asOf = scope.asOf().toEpochMilli();
      if (scope.date().isPresent()) {
        windowStart = config.calendar().startOf(scope.date().get()).toEpochMilli();
        windowEnd = config.calendar().endOf(scope.date().get()).toEpochMilli();
      } else {
        windowStart = Long.MIN_VALUE;
        windowEnd = Long.MAX_VALUE;
      }
    }

    ReconcileResult execute() throws InputConflictException {
      indexOrders();
      indexStatement();
      indexWebhooks();
      linkRowsToOrders();
      markPaidWebhooks();
      hasFinding = new boolean[orders.length];
      long[] orderTime = new long[orders.length];
      boolean[] settled = new boolean[orders.length];
      for (int i = 0; i < orders.length; i++) {
        checkOrder(i, orderTime, settled);
      }
      checkPaidRows();
      checkWebhooks();
      return summarize(orderTime, settled);
    }

    private boolean inScope(long t) {
      if (scope.date().isEmpty()) {
        return true;
      }
      return t != Times.NONE && t >= windowStart && t < windowEnd;
    }

    private void indexOrders() throws InputConflictException {
      orderById = new OrderIdIndex(orders.length, k -> orders[k].orderId());
      orderHeadByCip = new LongIntMap(orders.length);
      nextOrderSameCip = new int[orders.length];
      for (int i = 0; i < orders.length; i++) {
        Order o = orders[i];
        int previous = orderById.putIfAbsent(i);
        if (previous >= 0) {
          int a = orders[previous].line();
          int b = o.line();
          throw new InputConflictException(Source.ORDERS, Math.max(a, b), "order_id", "\"" + o.orderId() + "\" is also on line " + Math.min(a, b));
        }
        nextOrderSameCip[i] = o.hasCip() ? orderHeadByCip.put(o.cip(), i) : -1;
      }
    }

    private void indexStatement() throws InputConflictException {
      rowByCip = new LongIntMap(rows.length);
      for (int j = 0; j < rows.length; j++) {
        int previous = rowByCip.put(rows[j].cip(), j);
        if (previous >= 0) {
          int a = rows[previous].line();
          int b = rows[j].line();
          throw new InputConflictException(Source.STATEMENT, Math.max(a, b), "cip", "\"" + rows[j].cip() + "\" is also on line " + Math.min(a, b));
        }
      }
    }

    /** Per CIP, the first verified cip.paid webhook received; duplicates are normal deliveries. */
    private void indexWebhooks() {
      hookByCip = new LongIntMap(hooks.length);
      for (int w = 0; w < hooks.length; w++) {
        WebhookReceipt h = hooks[w];
        if (!h.isPaid()) {
          continue;
        }
        int current = hookByCip.get(h.cip());
        if (current < 0 || earlier(h, hooks[current])) {
          hookByCip.put(h.cip(), w);
        }
      }
    }

    private boolean earlier(WebhookReceipt a, WebhookReceipt b) {
      int c = Long.compare(a.receivedAt(), b.receivedAt());
      if (c == 0) {
        c = Long.compare(a.paymentDate(), b.paymentDate());
      }
      if (c == 0) {
        c = Long.compare(a.amountMinor(), b.amountMinor());
      }
      if (c == 0) {
        c = Integer.compare(a.currency() == null ? -1 : a.currency().ordinal(), b.currency() == null ? -1 : b.currency().ordinal());
      }
      if (c == 0) {
        c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.transactionCode(), b.transactionCode());
      }
      return c < 0;
    }

    /** G of Contract 1: a statement row belongs to the order of its transaction code and to every order naming its CIP. */
    private void linkRowsToOrders() {
      primaryOrder = new int[rows.length];
      int[] rowCodeOrder = new int[rows.length];
      int[] counts = new int[orders.length + 1];
      for (int pass = 0; pass < 2; pass++) {
        int[] fill = null;
        if (pass == 1) {
          rowStart = new int[orders.length + 1];
          for (int i = 0; i < orders.length; i++) {
            rowStart[i + 1] = rowStart[i] + counts[i];
          }
          rowList = new int[rowStart[orders.length]];
          fill = rowStart.clone();
        }
        for (int j = 0; j < rows.length; j++) {
          StatementRow r = rows[j];
          if (pass == 0) {
            rowCodeOrder[j] = orderOfCode(r.transactionCode(), r.cip());
          }
          int byCode = rowCodeOrder[j];
          if (byCode >= 0) {
            link(byCode, j, counts, fill);
          }
          int best = byCode;
          for (int i = orderHeadByCip.get(r.cip()); i >= 0; i = nextOrderSameCip[i]) {
            if (i != byCode) {
              link(i, j, counts, fill);
              if (byCode < 0 && (best < 0 || orders[i].orderId().compareTo(orders[best].orderId()) < 0)) {
                best = i;
              }
            }
          }
          primaryOrder[j] = best;
        }
      }
    }

    private void link(int order, int row, int[] counts, int[] fill) {
      if (fill == null) {
        counts[order]++;
      } else {
        rowList[fill[order]++] = row;
      }
    }

    private int orderOfCode(String code) {
      if (code == null) {
        return -1;
      }
      return orderById.get(code);
    }

    /** Same as {@link #orderOfCode(String)}; usually the order naming the CIP has that code, which saves a hash lookup. */
    private int orderOfCode(String code, long cip) {
      if (code == null) {
        return -1;
      }
      int byCip = orderHeadByCip.get(cip);
      if (byCip >= 0 && nextOrderSameCip[byCip] < 0 && orders[byCip].orderId().equals(code)) {
        return byCip;
      }
      return orderOfCode(code);
    }

    /** The order a CIP unknown to the statement belongs to: by the webhook's code, else the smallest id naming the CIP. */
    private int orderOfLooseCip(long cip, String code) {
      int byCode = orderOfCode(code, cip);
      if (byCode >= 0) {
        return byCode;
      }
      int best = -1;
      for (int i = orderHeadByCip.get(cip); i >= 0; i = nextOrderSameCip[i]) {
        if (best < 0 || orders[i].orderId().compareTo(orders[best].orderId()) < 0) {
          best = i;
        }
      }
      return best;
    }

    /** Orders with a verified cip.paid webhook by transaction code or by the order's own CIP. */
    private void markPaidWebhooks() {
      paidWebhookForOrder = new boolean[orders.length];
      // rows of the statement are checked per order in webhookPaysAnyRowOf; duplicates mark the same orders
      for (WebhookReceipt h : hooks) {
        if (!h.isPaid()) {
          continue;
        }
        int byCode = orderOfCode(h.transactionCode(), h.cip());
        if (byCode >= 0) {
          paidWebhookForOrder[byCode] = true;
        }
        for (int i = orderHeadByCip.get(h.cip()); i >= 0; i = nextOrderSameCip[i]) {
          paidWebhookForOrder[i] = true;
        }
      }
    }

    private boolean webhookPaysAnyRowOf(int i) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (hookByCip.get(rows[rowList[k]].cip()) >= 0) {
          return true;
        }
      }
      return false;
    }

    /** Payment time of a CIP: the gateway's paid_at, else the first webhook's paymentDate. */
    private long payTime(int j) {
      StatementRow r = rows[j];
      if (r.paidAt() != Times.NONE) {
        return r.paidAt();
      }
      int w = hookByCip.get(r.cip());
      return w >= 0 ? hooks[w].paymentDate() : Times.NONE;
    }

    /** The time a CIP's business date comes from: payment time if paid, else creation time. */
    private long itemTime(int j) {
      StatementRow r = rows[j];
      if (r.status().isSettled()) {
        long t = payTime(j);
        if (t != Times.NONE) {
          return t;
        }
      }
      return r.createdAt();
    }

    private void checkOrder(int i, long[] orderTime, boolean[] settledOut) {
      Order o = orders[i];
      int settled = 0;
      int paid = 0;
      long earliestSettled = Times.NONE;
      long latestPaid = Times.NONE;
      boolean payableForever = false;
      long latestExpiry = Times.NONE;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = rowList[k];
        StatementRow r = rows[j];
        PaymentState st = r.status();
        if (st.isSettled()) {
          settled++;
          long pt = payTime(j);
          if (pt != Times.NONE && (earliestSettled == Times.NONE || pt < earliestSettled)) {
            earliestSettled = pt;
          }
        }
        if (st == PaymentState.PAID) {
          paid++;
          long pt = payTime(j);
          if (pt != Times.NONE && pt > latestPaid) {
            latestPaid = pt;
          }
          long t = itemTime(j);
          if (o.status().ignoresPayment()) {
            emit(Category.PAID_NOT_RECORDED, t, i, j, Cips.format(r.cip()), null, null, "gateway PAID but order " + o.status());
          }
          if (r.amountMinor() != o.amountMinor()) {
            emit(Category.AMOUNT_MISMATCH, t, i, j, Cips.format(r.cip()), null, null, amountDetail(r.amount(), o.amount()));
          }
          if (r.currency() != o.currency()) {
            emit(Category.CURRENCY_MISMATCH, t, i, j, Cips.format(r.cip()), null, null, "gateway " + r.currency() + " vs order " + o.currency());
          }
        } else if (st == PaymentState.REFUNDED) {
          if (o.status().recordsPayment()) {
            emit(Category.REFUND_NOT_SYNCED, itemTime(j), i, j, Cips.format(r.cip()), null, null, "gateway REFUNDED but order " + o.status());
          }
        } else if (st == PaymentState.PENDING || st == PaymentState.UNKNOWN) {
          if (r.expiresAt() == Times.NONE) {
            payableForever = true;
          } else if (r.expiresAt() > latestExpiry) {
            latestExpiry = r.expiresAt();
          }
        }
      }
      if (o.status().recordsPayment() && settled == 0) {
        emit(Category.RECORDED_NOT_PAID, o.createdAt(), i, -1, Cips.format(o.cip()), null, null, "order " + o.status() + " but no CIP of it is paid at the gateway");
      }
      if (paid > 1) {
        emitDuplicatePayment(o, i, latestPaid);
      }
      if (o.status() == OrderStatus.PENDING && paid == 0 && !payableForever && !paidWebhookForOrder[i] && !webhookPaysAnyRowOf(i)) {
        long openUntil = o.createdAt() + config.openOrderFor().toMillis();
        if (latestExpiry != Times.NONE && latestExpiry > openUntil) {
          openUntil = latestExpiry;
        }
        if (asOf > openUntil) {
          emit(Category.EXPIRED_ORDER_OPEN, openUntil, i, -1, Cips.format(o.cip()), null, null,
              "PENDING since " + format(o.createdAt()) + ", nothing payable after " + format(openUntil));
        }
      }
      orderTime[i] = settled > 0 && earliestSettled != Times.NONE ? earliestSettled : o.createdAt();
      settledOut[i] = settled > 0;
    }

    private void checkPaidRows() {
      for (int j = 0; j < rows.length; j++) {
        StatementRow r = rows[j];
        if (r.status() != PaymentState.PAID) {
          continue;
        }
        long t = itemTime(j);
        String code = r.transactionCode() == null ? "" : r.transactionCode();
        if (primaryOrder[j] < 0) {
          emit(Category.UNKNOWN_ORDER, t, -1, j, Cips.format(r.cip()), code, null,
              code.isEmpty() ? "PAID CIP without a transaction code matches no order" : "no order " + code);
        }
        if (webhooksSupplied && hookByCip.get(r.cip()) < 0) {
          emit(Category.MISSING_WEBHOOK, t, primaryOrder[j], j, Cips.format(r.cip()), code, null, "gateway PAID but no verified cip.paid webhook");
        }
      }
    }

    private void checkWebhooks() {
      // walk the webhooks in input order (memory locality); only the first delivery per CIP counts
      for (int w = 0; w < hooks.length; w++) {
        WebhookReceipt h = hooks[w];
        if (!h.isPaid() || hookByCip.get(h.cip()) != w) {
          continue;
        }
        long cip = h.cip();
        {
            int r = rowByCip.get(cip);
            int order = r >= 0 ? primaryOrder[r] : orderOfLooseCip(cip, h.transactionCode());
            String code = h.transactionCode() == null ? "" : h.transactionCode();
            long pay = r >= 0 && rows[r].paidAt() != Times.NONE ? rows[r].paidAt() : h.paymentDate();
            long t = pay != Times.NONE ? pay : h.receivedAt();
            if (pay != Times.NONE && h.receivedAt() - pay > config.lateWebhookAfter().toMillis()) {
              long minutes = (h.receivedAt() - pay) / 60_000;
              emit(Category.LATE_WEBHOOK, t, order, r, Cips.format(cip), code, h.currency(), "webhook received " + minutes + " min after the payment");
            }
            if (r < 0) {
              emit(Category.WEBHOOK_NOT_CONFIRMED, t, order, -1, Cips.format(cip), code, h.currency(), "cip.paid webhook but the gateway does not know the CIP" + webhookAmount(h));
            } else if (!rows[r].status().isSettled()) {
              emit(Category.WEBHOOK_NOT_CONFIRMED, t, order, r, Cips.format(cip), code, h.currency(), "cip.paid webhook but the gateway says " + rows[r].status() + webhookAmount(h));
            }
        }
      }
    }

    private String webhookAmount(WebhookReceipt h) {
      return h.currency() == null ? "" : " (webhook " + Money.ofMinor(h.amountMinor(), h.currency()) + ")";
    }

    private String amountDetail(Money gateway, Money order) {
      if (gateway.isHundredfoldOf(order)) {
        return gateway.amount().abs().compareTo(order.amount().abs()) > 0
            ? "x100: gateway " + gateway.toPlainString() + " is 100 times the order amount " + order.toPlainString()
            : "x100: order " + order.toPlainString() + " is 100 times the gateway amount " + gateway.toPlainString();
      }
      return "gateway " + gateway.toPlainString() + " vs order " + order.toPlainString();
    }

    private String format(long millis) {
      return Timestamps.format(Instant.ofEpochMilli(millis).atZone(config.calendar().zone()).toOffsetDateTime());
    }

    /**
   * One row per order paid more than once. The order's own CIP (else the first paid) is the
   * payment that stands; the {@code cip} column names the duplicate(s), the detail all of them.
   */
  private void emitDuplicatePayment(Order o, int i, long latestPaid) {
    List<StatementRow> paidRows = new ArrayList<>();
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      if (rows[rowList[k]].status() == PaymentState.PAID) {
        paidRows.add(rows[rowList[k]]);
      }
    }
    paidRows.sort(Comparator.comparingLong(StatementRow::cip));
    StatementRow standing = paidRows.stream().filter(r -> o.hasCip() && r.cip() == o.cip()).findFirst()
        .orElseGet(() -> paidRows.stream()
            .min(Comparator.comparingLong((StatementRow r) -> r.paidAt() == Times.NONE ? Long.MAX_VALUE : r.paidAt())
                .thenComparingLong(StatementRow::cip))
            .orElseThrow());
    StringBuilder duplicates = new StringBuilder();
    StringBuilder all = new StringBuilder();
    for (StatementRow r : paidRows) {
      all.append(all.length() == 0 ? "" : ";").append(Cips.format(r.cip()));
      if (r != standing) {
        duplicates.append(duplicates.length() == 0 ? "" : ";").append(Cips.format(r.cip()));
      }
    }
    emit(Category.DUPLICATE_PAYMENT, latestPaid == Times.NONE ? o.createdAt() : latestPaid, i, -1, duplicates.toString(), null, null,
        paidRows.size() + " CIPs paid: " + all + "; kept " + Cips.format(standing.cip()));
  }

  private void emit(Category category, long time, int orderIndex, int rowIndex, String cip, String fallbackOrderId, Currency fallbackCurrency, String detail) {
      if (!inScope(time)) {
        return;
      }
      Order o = orderIndex >= 0 ? orders[orderIndex] : null;
      StatementRow r = rowIndex >= 0 ? rows[rowIndex] : null;
      String orderId = o != null ? o.orderId() : (fallbackOrderId == null ? "" : fallbackOrderId);
      Currency currency = o != null ? o.currency() : (r != null ? r.currency() : fallbackCurrency);
      Optional<Instant> when = time == Times.NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(time));
      found.add(
          new Discrepancy(
              category,
              when.map(config.calendar()::businessDate),
              orderId,
              cip,
              o == null ? Optional.empty() : Optional.of(o.amount()),
              r == null ? Optional.empty() : Optional.of(r.amount()),
              Optional.ofNullable(currency),
              o == null ? Optional.empty() : Optional.of(o.status()),
              r == null ? Optional.empty() : Optional.of(r.status()),
              detail,
              when));
      if (orderIndex >= 0) {
        hasFinding[orderIndex] = true;
      }
    }

    private ReconcileResult summarize(long[] orderTime, boolean[] settled) {
      int nc = Currency.values().length;
      long[] orderCount = new long[nc];
      long[] orderSum = new long[nc];
      long[] paidCount = new long[nc];
      long[] paidSum = new long[nc];
      long[] matchedCount = new long[nc];
      long[] matchedSum = new long[nc];
      long matched = 0;
      long seen = 0;
      for (int i = 0; i < orders.length; i++) {
        if (!inScope(orderTime[i])) {
          continue;
        }
        seen++;
        int c = orders[i].currency().ordinal();
        orderCount[c]++;
        orderSum[c] = Math.addExact(orderSum[c], orders[i].amountMinor());
        if (settled[i] && !hasFinding[i]) {
          matched++;
          matchedCount[c]++;
          matchedSum[c] = Math.addExact(matchedSum[c], orders[i].amountMinor());
        }
      }
      for (int j = 0; j < rows.length; j++) {
        if (!inScope(itemTime(j))) {
          continue;
        }
        seen++;
        if (rows[j].status() == PaymentState.PAID) {
          int c = rows[j].currency().ordinal();
          paidCount[c]++;
          paidSum[c] = Math.addExact(paidSum[c], rows[j].amountMinor());
        }
      }
      for (WebhookReceipt h : hooks) {
        if (inScope(h.paymentDate() != Times.NONE ? h.paymentDate() : h.receivedAt())) {
          seen++;
        }
      }
      Map<Currency, CurrencyTotals> totals = new EnumMap<>(Currency.class);
      for (Currency cur : Currency.values()) {
        int c = cur.ordinal();
        totals.put(cur, new CurrencyTotals(orderCount[c], Money.ofMinor(orderSum[c], cur), paidCount[c], Money.ofMinor(paidSum[c], cur), matchedCount[c], Money.ofMinor(matchedSum[c], cur)));
      }
      Map<Category, Long> counts = new EnumMap<>(Category.class);
      for (Category category : Category.values()) {
        counts.put(category, 0L);
      }
      for (Discrepancy d : found) {
        counts.merge(d.category(), 1L, Long::sum);
      }
      found.sort(ORDER);
      return new ReconcileResult(scope.date(), scope.asOf(), found, matched, counts, totals, seen);
    }
  }
}
