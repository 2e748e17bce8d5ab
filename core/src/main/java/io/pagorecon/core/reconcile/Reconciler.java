package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.InputConflictException.Source;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import io.pagorecon.core.reconcile.internal.CipIndex;
import io.pagorecon.core.reconcile.internal.IdIndex;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * Three-way reconciliation (docs/contracts.md: Contract 1, dates per Contract 2). Linear time: every input
 * is indexed once, then each order, statement row and webhook is visited once. The inputs are
 * columns (primitive arrays, order ids stored once, transaction codes as order indexes), the
 * indexes are {@code int[]} hash tables and the findings are columns too, so memory grows by a
 * fixed number of bytes per order with no object per row (docs/performance.md). The output does not
 * depend on the order of the inputs: the findings are sorted by a total key and every choice among
 * several candidates (which webhook of a CIP counts, which order a CIP is attributed to) is made by
 * value, never by position. Interpretations are in docs/reconciliation.md.
 */
public final class Reconciler {

  /** The stable order of report rows. */
  public static final Comparator<Discrepancy> ORDER =
      Comparator.comparing((Discrepancy d) -> d.businessDate().orElse(LocalDate.MIN))
          .thenComparing(Discrepancy::severity)
          .thenComparing(Discrepancy::category)
          .thenComparing(Discrepancy::orderId)
          .thenComparing(Discrepancy::cip)
          .thenComparing(Discrepancy::detail);

  private final ReconcileConfig config;

  public Reconciler(ReconcileConfig config) {
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
    return reconcile(ColumnInput.of(input), scope);
  }

  /** Same, over columns (what the file readers give). */
  public ReconcileResult reconcile(ColumnInput input, Scope scope) throws InputConflictException {
    return new Run(input, scope).execute();
  }

  private final class Run {
    private final OrderColumns orders;
    private final StatementColumns rows;
    private final WebhookColumns hooks;
    private final int orderCount;
    private final int rowCount;
    private final int hookCount;
    private final Scope scope;
    private final boolean webhooksSupplied;
    private final long windowStart;
    private final long windowEnd;
    private final long asOf;
    private final Findings found;

    private IdIndex orderById;
    private CipIndex orderHeadByCip;
    private int[] nextOrderSameCip;
    private CipIndex rowByCip;
    private CipIndex hookByCip;
    private int[] rowStart;
    private int[] rowList;
    private int[] primaryOrder;
    private boolean[] paidWebhookForOrder;
    private boolean[] hasFinding;

    Run(ColumnInput input, Scope scope) {
      this.orders = input.orders();
      this.rows = input.statement();
      this.hooks = input.webhooks();
      this.orderCount = orders.size();
      this.rowCount = rows.size();
      this.hookCount = hooks.size();
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
      this.found = new Findings(orders, rows, hooks, config.calendar());
    }

    ReconcileResult execute() throws InputConflictException {
      indexOrders();
      // codes become order indexes (the text of the few unknown ones is kept): no string lookups below
      rows.codes().encode(orders.ids(), orderById::get);
      hooks.codes().encode(orders.ids(), orderById::get);
      orderById = null;
      indexStatement();
      indexWebhooks();
      linkRowsToOrders();
      markPaidWebhooks();
      hasFinding = new boolean[orderCount];
      boolean[] orderInScope = new boolean[orderCount];
      boolean[] settled = new boolean[orderCount];
      for (int i = 0; i < orderCount; i++) {
        checkOrder(i, orderInScope, settled);
      }
      checkPaidRows();
      checkWebhooks();
      return summarize(orderInScope, settled);
    }

    private boolean inScope(long t) {
      if (scope.date().isEmpty()) {
        return true;
      }
      return t != Times.NONE && t >= windowStart && t < windowEnd;
    }

    private void indexOrders() throws InputConflictException {
      orderById = new IdIndex(orders.ids());
      orderHeadByCip = new CipIndex(orders.cips(), orderCount);
      nextOrderSameCip = new int[orderCount];
      for (int i = 0; i < orderCount; i++) {
        int previous = orderById.putIfAbsent(i);
        if (previous >= 0) {
          int a = orders.line(previous);
          int b = orders.line(i);
          throw new InputConflictException(Source.ORDERS, Math.max(a, b), "order_id", "\"" + orders.orderId(i) + "\" is also on line " + Math.min(a, b));
        }
        nextOrderSameCip[i] = orders.hasCip(i) ? orderHeadByCip.put(i) : -1;
      }
    }

    private void indexStatement() throws InputConflictException {
      rowByCip = new CipIndex(rows.cips(), rowCount);
      for (int j = 0; j < rowCount; j++) {
        int previous = rowByCip.put(j);
        if (previous >= 0) {
          int a = rows.line(previous);
          int b = rows.line(j);
          throw new InputConflictException(Source.STATEMENT, Math.max(a, b), "cip", "\"" + rows.cip(j) + "\" is also on line " + Math.min(a, b));
        }
      }
    }

    /** Per CIP, the first verified cip.paid webhook received; duplicates are normal deliveries. */
    private void indexWebhooks() {
      hookByCip = new CipIndex(hooks.cips(), hookCount);
      for (int w = 0; w < hookCount; w++) {
        if (!hooks.isPaid(w)) {
          continue;
        }
        int current = hookByCip.get(hooks.cip(w));
        if (current < 0 || earlier(w, current)) {
          hookByCip.put(w);
        }
      }
    }

    private boolean earlier(int a, int b) {
      int c = Long.compare(hooks.receivedAt(a), hooks.receivedAt(b));
      if (c == 0) {
        c = Long.compare(hooks.paymentDate(a), hooks.paymentDate(b));
      }
      if (c == 0) {
        c = Long.compare(hooks.amountMinor(a), hooks.amountMinor(b));
      }
      if (c == 0) {
        c = Integer.compare(hooks.currencyOrdinal(a), hooks.currencyOrdinal(b));
      }
      if (c == 0) {
        c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(hooks.transactionCode(a), hooks.transactionCode(b));
      }
      return c < 0;
    }

    /** The order whose id is the code (encoded by the time this is called), or -1. */
    private int orderOfCode(CodeColumn codes, int j) {
      int ref = codes.ref(j);
      return ref >= 0 ? ref : -1;
    }

    private int compareIds(int a, int b) {
      return orders.ids().compareAt(a, orders.ids(), b);
    }

    /** G of Contract 1: a statement row belongs to the order of its transaction code and to every order naming its CIP. */
    private void linkRowsToOrders() {
      primaryOrder = new int[rowCount];
      int[] counts = new int[orderCount + 1];
      CodeColumn codes = rows.codes();
      for (int pass = 0; pass < 2; pass++) {
        int[] fill = null;
        if (pass == 1) {
          rowStart = new int[orderCount + 1];
          for (int i = 0; i < orderCount; i++) {
            rowStart[i + 1] = rowStart[i] + counts[i];
          }
          counts = null;
          rowList = new int[rowStart[orderCount]];
          fill = Arrays.copyOf(rowStart, orderCount);
        }
        for (int j = 0; j < rowCount; j++) {
          int byCode = orderOfCode(codes, j);
          if (byCode >= 0) {
            link(byCode, j, counts, fill);
          }
          int best = byCode;
          for (int i = orderHeadByCip.get(rows.cip(j)); i >= 0; i = nextOrderSameCip[i]) {
            if (i != byCode) {
              link(i, j, counts, fill);
              if (byCode < 0 && (best < 0 || compareIds(i, best) < 0)) {
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

    /** The order a CIP unknown to the statement belongs to: by the webhook's code, else the smallest id naming the CIP. */
    private int orderOfLooseCip(long cip, int hook) {
      int byCode = orderOfCode(hooks.codes(), hook);
      if (byCode >= 0) {
        return byCode;
      }
      int best = -1;
      for (int i = orderHeadByCip.get(cip); i >= 0; i = nextOrderSameCip[i]) {
        if (best < 0 || compareIds(i, best) < 0) {
          best = i;
        }
      }
      return best;
    }

    /** Orders with a verified cip.paid webhook by transaction code or by the order's own CIP. */
    private void markPaidWebhooks() {
      paidWebhookForOrder = new boolean[orderCount];
      // rows of the statement are checked per order in webhookPaysAnyRowOf; duplicates mark the same orders
      CodeColumn codes = hooks.codes();
      for (int w = 0; w < hookCount; w++) {
        if (!hooks.isPaid(w)) {
          continue;
        }
        int byCode = orderOfCode(codes, w);
        if (byCode >= 0) {
          paidWebhookForOrder[byCode] = true;
        }
        for (int i = orderHeadByCip.get(hooks.cip(w)); i >= 0; i = nextOrderSameCip[i]) {
          paidWebhookForOrder[i] = true;
        }
      }
    }

    private boolean webhookPaysAnyRowOf(int i) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (hookByCip.get(rows.cip(rowList[k])) >= 0) {
          return true;
        }
      }
      return false;
    }

    /** Payment time of a CIP: the gateway's paid_at, else the first webhook's paymentDate. */
    private long payTime(int j) {
      long paidAt = rows.paidAt(j);
      if (paidAt != Times.NONE) {
        return paidAt;
      }
      int w = hookByCip.get(rows.cip(j));
      return w >= 0 ? hooks.paymentDate(w) : Times.NONE;
    }

    /** The time a CIP's business date comes from: payment time if paid, else creation time. */
    private long itemTime(int j) {
      if (rows.status(j).isSettled()) {
        long t = payTime(j);
        if (t != Times.NONE) {
          return t;
        }
      }
      return rows.createdAt(j);
    }

    private void checkOrder(int i, boolean[] inScopeOut, boolean[] settledOut) {
      OrderStatus status = orders.status(i);
      int settled = 0;
      int paid = 0;
      long earliestSettled = Times.NONE;
      long latestPaid = Times.NONE;
      boolean payableForever = false;
      long latestExpiry = Times.NONE;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = rowList[k];
        PaymentState st = rows.status(j);
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
          if (status.ignoresPayment()) {
            emit(Category.PAID_NOT_RECORDED, t, i, j, -1);
          }
          if (rows.amountMinor(j) != orders.amountMinor(i)) {
            emit(Category.AMOUNT_MISMATCH, t, i, j, -1);
          }
          if (rows.currency(j) != orders.currency(i)) {
            emit(Category.CURRENCY_MISMATCH, t, i, j, -1);
          }
        } else if (st == PaymentState.REFUNDED) {
          if (status.recordsPayment()) {
            emit(Category.REFUND_NOT_SYNCED, itemTime(j), i, j, -1);
          }
        } else if (st == PaymentState.PENDING || st == PaymentState.UNKNOWN) {
          long expiresAt = rows.expiresAt(j);
          if (expiresAt == Times.NONE) {
            payableForever = true;
          } else if (expiresAt > latestExpiry) {
            latestExpiry = expiresAt;
          }
        }
      }
      long createdAt = orders.createdAt(i);
      if (status.recordsPayment() && settled == 0) {
        emit(Category.RECORDED_NOT_PAID, createdAt, i, -1, -1);
      }
      if (paid > 1) {
        emitDuplicatePayment(i, latestPaid);
      }
      if (status == OrderStatus.PENDING && paid == 0 && !payableForever && !paidWebhookForOrder[i] && !webhookPaysAnyRowOf(i)) {
        long openUntil = createdAt + config.openOrderFor().toMillis();
        if (latestExpiry != Times.NONE && latestExpiry > openUntil) {
          openUntil = latestExpiry;
        }
        if (asOf > openUntil) {
          emit(Category.EXPIRED_ORDER_OPEN, openUntil, i, -1, -1);
        }
      }
      inScopeOut[i] = inScope(settled > 0 && earliestSettled != Times.NONE ? earliestSettled : createdAt);
      settledOut[i] = settled > 0;
    }

    private void checkPaidRows() {
      for (int j = 0; j < rowCount; j++) {
        if (rows.status(j) != PaymentState.PAID) {
          continue;
        }
        long t = itemTime(j);
        if (primaryOrder[j] < 0) {
          emit(Category.UNKNOWN_ORDER, t, -1, j, -1);
        }
        if (webhooksSupplied && hookByCip.get(rows.cip(j)) < 0) {
          emit(Category.MISSING_WEBHOOK, t, primaryOrder[j], j, -1);
        }
      }
    }

    private void checkWebhooks() {
      // walk the webhooks in input order (memory locality); only the first delivery per CIP counts
      for (int w = 0; w < hookCount; w++) {
        if (!hooks.isPaid(w) || hookByCip.get(hooks.cip(w)) != w) {
          continue;
        }
        long cip = hooks.cip(w);
        int r = rowByCip.get(cip);
        int order = r >= 0 ? primaryOrder[r] : orderOfLooseCip(cip, w);
        long receivedAt = hooks.receivedAt(w);
        long pay = r >= 0 && rows.paidAt(r) != Times.NONE ? rows.paidAt(r) : hooks.paymentDate(w);
        long t = pay != Times.NONE ? pay : receivedAt;
        if (pay != Times.NONE && receivedAt - pay > config.lateWebhookAfter().toMillis()) {
          emit(Category.LATE_WEBHOOK, t, order, r, w);
        }
        if (r < 0 || !rows.status(r).isSettled()) {
          emit(Category.WEBHOOK_NOT_CONFIRMED, t, order, r, w);
        }
      }
    }

    /**
     * One row per order paid more than once. The order's own CIP (else the first paid) is the
     * payment that stands; the {@code cip} column names the duplicate(s), the detail all of them.
     */
    private void emitDuplicatePayment(int i, long latestPaid) {
      int n = 0;
      long[] paidCips = new long[rowStart[i + 1] - rowStart[i]];
      long[] paidAts = new long[paidCips.length];
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = rowList[k];
        if (rows.status(j) == PaymentState.PAID) {
          paidCips[n] = rows.cip(j);
          paidAts[n++] = rows.paidAt(j);
        }
      }
      // by CIP (unique in the statement), carrying paid_at along
      Integer[] byCip = new Integer[n];
      for (int x = 0; x < n; x++) {
        byCip[x] = x;
      }
      Arrays.sort(byCip, Comparator.comparingLong(x -> paidCips[x]));
      int standing = -1;
      for (int x : byCip) {
        if (orders.hasCip(i) && paidCips[x] == orders.cip(i)) {
          standing = x;
          break;
        }
      }
      if (standing < 0) {
        for (int x : byCip) {
          long t = paidAts[x] == Times.NONE ? Long.MAX_VALUE : paidAts[x];
          long best = standing < 0 ? 0 : paidAts[standing] == Times.NONE ? Long.MAX_VALUE : paidAts[standing];
          if (standing < 0 || t < best) {
            standing = x;
          }
        }
      }
      StringBuilder duplicates = new StringBuilder();
      StringBuilder all = new StringBuilder();
      for (int x : byCip) {
        all.append(all.length() == 0 ? "" : ";").append(Cips.format(paidCips[x]));
        if (x != standing) {
          duplicates.append(duplicates.length() == 0 ? "" : ";").append(Cips.format(paidCips[x]));
        }
      }
      long t = latestPaid == Times.NONE ? orders.createdAt(i) : latestPaid;
      if (inScope(t)) {
        found.add(Category.DUPLICATE_PAYMENT, t, i, -1, -1,
            new String[] {duplicates.toString(), n + " CIPs paid: " + all + "; kept " + Cips.format(paidCips[standing])});
        hasFinding[i] = true;
      }
    }

    private void emit(Category category, long time, int orderIndex, int rowIndex, int hookIndex) {
      if (!inScope(time)) {
        return;
      }
      found.add(category, time, orderIndex, rowIndex, hookIndex, null);
      if (orderIndex >= 0) {
        hasFinding[orderIndex] = true;
      }
    }

    private ReconcileResult summarize(boolean[] orderInScope, boolean[] settled) {
      int nc = Currency.values().length;
      long[] orderCount = new long[nc];
      long[] orderSum = new long[nc];
      long[] paidCount = new long[nc];
      long[] paidSum = new long[nc];
      long[] matchedCount = new long[nc];
      long[] matchedSum = new long[nc];
      long matched = 0;
      long seen = 0;
      for (int i = 0; i < this.orderCount; i++) {
        if (!orderInScope[i]) {
          continue;
        }
        seen++;
        int c = orders.currency(i).ordinal();
        orderCount[c]++;
        orderSum[c] = Math.addExact(orderSum[c], orders.amountMinor(i));
        if (settled[i] && !hasFinding[i]) {
          matched++;
          matchedCount[c]++;
          matchedSum[c] = Math.addExact(matchedSum[c], orders.amountMinor(i));
        }
      }
      for (int j = 0; j < rowCount; j++) {
        if (!inScope(itemTime(j))) {
          continue;
        }
        seen++;
        if (rows.status(j) == PaymentState.PAID) {
          int c = rows.currency(j).ordinal();
          paidCount[c]++;
          paidSum[c] = Math.addExact(paidSum[c], rows.amountMinor(j));
        }
      }
      for (int w = 0; w < hookCount; w++) {
        if (inScope(hooks.paymentDate(w) != Times.NONE ? hooks.paymentDate(w) : hooks.receivedAt(w))) {
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
      for (int k = 0; k < found.size(); k++) {
        counts.merge(found.category(k), 1L, Long::sum);
      }
      found.sort();
      return new ReconcileResult(scope.date(), scope.asOf(), found.asList(), matched, counts, totals, seen);
    }
  }
}
