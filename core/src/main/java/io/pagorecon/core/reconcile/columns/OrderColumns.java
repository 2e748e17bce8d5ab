package io.pagorecon.core.reconcile.columns;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The orders of a run as columns: one primitive array per field and the ids in a {@link
 * StringColumn}, so a million orders cost about 60 bytes each and no object per order. Row {@code
 * i} of every column is order {@code i}.
 */
public final class OrderColumns {

  private static final Currency[] CURRENCIES = Currency.values();
  private static final OrderStatus[] STATUSES = OrderStatus.values();

  private final StringColumn ids;
  private long[] cip;
  private long[] amountMinor;
  private byte[] currency;
  private byte[] status;
  private long[] createdAt;
  private long[] paidAt;
  private final LineColumn line = new LineColumn();
  private int size;

  public OrderColumns(int expected) {
    this(expected, true);
  }

  /**
   * @param full false leaves out {@code paid_at}, which the engine never reads (8 bytes per order):
   *     {@link #paidAt} is then always {@link Times#NONE}
   */
  public OrderColumns(int expected, boolean full) {
    int n = Math.max(4, expected);
    ids = new StringColumn(n);
    cip = new long[n];
    amountMinor = new long[n];
    currency = new byte[n];
    status = new byte[n];
    createdAt = new long[n];
    paidAt = full ? new long[n] : null;
  }

  public static OrderColumns of(List<Order> orders) {
    OrderColumns c = new OrderColumns(orders.size());
    for (Order o : orders) {
      c.add(o);
    }
    return c;
  }

  public int size() {
    return size;
  }

  public void add(Order o) {
    ids.add(o.orderId());
    addFields(o.cip(), o.amountMinor(), o.currency(), o.status(), o.createdAt(), o.paidAt(), o.line());
  }

  /** Appends an order whose id is bytes {@code [from, to)} of {@code id} (UTF-8). */
  public void add(byte[] id, int from, int to, long cip, long amountMinor, Currency currency, OrderStatus status, long createdAt, long paidAt, int line) {
    ids.add(id, from, to);
    addFields(cip, amountMinor, currency, status, createdAt, paidAt, line);
  }

  private void addFields(long cipValue, long amount, Currency cur, OrderStatus st, long created, long paid, int lineNo) {
    if (size == cip.length) {
      int n = Columns.grow(size, size + 1);
      cip = Arrays.copyOf(cip, n);
      amountMinor = Arrays.copyOf(amountMinor, n);
      currency = Arrays.copyOf(currency, n);
      status = Arrays.copyOf(status, n);
      createdAt = Arrays.copyOf(createdAt, n);
      paidAt = paidAt == null ? null : Arrays.copyOf(paidAt, n);
    }
    cip[size] = cipValue;
    amountMinor[size] = amount;
    currency[size] = (byte) cur.ordinal();
    status[size] = (byte) st.ordinal();
    createdAt[size] = created;
    if (paidAt != null) {
      paidAt[size] = paid;
    }
    line.add(lineNo);
    size++;
  }

  /** Appends order {@code i} of {@code other}. */
  public void addRow(OrderColumns other, int i) {
    ids.add(other.ids, i);
    addFields(other.cip[i], other.amountMinor[i], other.currency(i), other.status(i), other.createdAt[i], other.paidAt(i), other.line.get(i));
  }

  /** Appends every order of {@code other}, in order (chunks read in parallel are joined this way). */
  public void addAll(OrderColumns other) {
    if ((paidAt == null) != (other.paidAt == null)) {
      throw new IllegalArgumentException("joining full and engine-only order columns");
    }
    ids.addAll(other.ids);
    int n = size + other.size;
    cip = append(cip, size, other.cip, other.size);
    amountMinor = append(amountMinor, size, other.amountMinor, other.size);
    currency = append(currency, size, other.currency, other.size);
    status = append(status, size, other.status, other.size);
    createdAt = append(createdAt, size, other.createdAt, other.size);
    paidAt = paidAt == null ? null : append(paidAt, size, other.paidAt, other.size);
    line.addAll(other.line);
    size = n;
  }

  /** Drops spare capacity once complete. */
  public void trim() {
    ids.trim();
    cip = Arrays.copyOf(cip, size);
    amountMinor = Arrays.copyOf(amountMinor, size);
    currency = Arrays.copyOf(currency, size);
    status = Arrays.copyOf(status, size);
    createdAt = Arrays.copyOf(createdAt, size);
    paidAt = paidAt == null ? null : Arrays.copyOf(paidAt, size);
  }

  public StringColumn ids() {
    return ids;
  }

  public String orderId(int i) {
    return ids.get(i);
  }

  /** The CIP column itself, for indexes that read their keys from it (never modified through it). */
  public long[] cips() {
    return cip;
  }

  public long cip(int i) {
    return cip[i];
  }

  public boolean hasCip(int i) {
    return cip[i] != Order.NO_CIP;
  }

  public long amountMinor(int i) {
    return amountMinor[i];
  }

  public Currency currency(int i) {
    return CURRENCIES[currency[i]];
  }

  public OrderStatus status(int i) {
    return STATUSES[status[i]];
  }

  public long createdAt(int i) {
    return createdAt[i];
  }

  public long paidAt(int i) {
    return paidAt == null ? Times.NONE : paidAt[i];
  }

  public int line(int i) {
    return line.get(i);
  }

  public Order get(int i) {
    return new Order(orderId(i), cip[i], amountMinor[i], currency(i), status(i), createdAt[i], paidAt(i), line.get(i));
  }

  public List<Order> toList() {
    List<Order> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(get(i));
    }
    return out;
  }

  /** Bytes held by the columns. */
  public long footprint() {
    return ids.footprint() + (long) cip.length * (8 + 8 + 1 + 1 + 8 + 8 + 4);
  }

  static long[] append(long[] a, int n, long[] b, int m) {
    long[] r = n + m <= a.length ? a : Arrays.copyOf(a, Columns.grow(a.length, n + m));
    System.arraycopy(b, 0, r, n, m);
    return r;
  }

  static int[] append(int[] a, int n, int[] b, int m) {
    int[] r = n + m <= a.length ? a : Arrays.copyOf(a, Columns.grow(a.length, n + m));
    System.arraycopy(b, 0, r, n, m);
    return r;
  }

  static byte[] append(byte[] a, int n, byte[] b, int m) {
    byte[] r = n + m <= a.length ? a : Arrays.copyOf(a, Columns.grow(a.length, n + m));
    System.arraycopy(b, 0, r, n, m);
    return r;
  }
}
