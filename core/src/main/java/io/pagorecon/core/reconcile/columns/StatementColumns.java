package io.pagorecon.core.reconcile.columns;

import static io.pagorecon.core.reconcile.columns.OrderColumns.append;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.reconcile.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The statement rows of a run as columns (see {@link OrderColumns}); row {@code j} is CIP {@code j}. */
public final class StatementColumns {

  private static final Currency[] CURRENCIES = Currency.values();
  private static final PaymentState[] STATES = PaymentState.values();

  private final CodeColumn codes;
  private long[] cip;
  private long[] amountMinor;
  private byte[] currency;
  private byte[] status;
  private long[] createdAt;
  private long[] expiresAt;
  private long[] paidAt;
  private long[] removedAt;
  private final LineColumn line = new LineColumn();
  private int size;

  public StatementColumns(int expected) {
    this(expected, true);
  }

  /**
   * @param full false leaves out {@code removed_at}, which the engine never reads (8 bytes per row):
   *     {@link #removedAt} is then always {@link Times#NONE}
   */
  public StatementColumns(int expected, boolean full) {
    int n = Math.max(4, expected);
    codes = new CodeColumn(n);
    cip = new long[n];
    amountMinor = new long[n];
    currency = new byte[n];
    status = new byte[n];
    createdAt = new long[n];
    expiresAt = new long[n];
    paidAt = new long[n];
    removedAt = full ? new long[n] : null;
  }

  public static StatementColumns of(List<StatementRow> rows) {
    StatementColumns c = new StatementColumns(rows.size());
    for (StatementRow r : rows) {
      c.add(r.cip(), r.transactionCode(), r.amountMinor(), r.currency(), r.status(), r.createdAt(), r.expiresAt(), r.paidAt(), r.removedAt(), r.line());
    }
    return c;
  }

  public int size() {
    return size;
  }

  /** Appends a row; {@code code} may be null. */
  public void add(long cipValue, String code, long amount, Currency cur, PaymentState st, long created, long expires, long paid, long removed, int lineNo) {
    checkCip(cipValue);
    codes.text().add(code);
    addFields(cipValue, amount, cur, st, created, expires, paid, removed, lineNo);
  }

  /** Appends a row whose code is bytes {@code [from, to)} of {@code code} (UTF-8). */
  public void add(long cipValue, byte[] code, int from, int to, long amount, Currency cur, PaymentState st, long created, long expires, long paid, long removed, int lineNo) {
    checkCip(cipValue);
    codes.text().add(code, from, to);
    addFields(cipValue, amount, cur, st, created, expires, paid, removed, lineNo);
  }

  private static void checkCip(long cipValue) {
    if (cipValue < 0) {
      throw new IllegalArgumentException("cip is required");
    }
  }

  private void addFields(long cipValue, long amount, Currency cur, PaymentState st, long created, long expires, long paid, long removed, int lineNo) {
    if (size == cip.length) {
      int n = Columns.grow(size, size + 1);
      cip = Arrays.copyOf(cip, n);
      amountMinor = Arrays.copyOf(amountMinor, n);
      currency = Arrays.copyOf(currency, n);
      status = Arrays.copyOf(status, n);
      createdAt = Arrays.copyOf(createdAt, n);
      expiresAt = Arrays.copyOf(expiresAt, n);
      paidAt = Arrays.copyOf(paidAt, n);
      removedAt = removedAt == null ? null : Arrays.copyOf(removedAt, n);
    }
    cip[size] = cipValue;
    amountMinor[size] = amount;
    currency[size] = (byte) cur.ordinal();
    status[size] = (byte) st.ordinal();
    createdAt[size] = created;
    expiresAt[size] = expires;
    paidAt[size] = paid;
    if (removedAt != null) {
      removedAt[size] = removed;
    }
    line.add(lineNo);
    size++;
  }

  /** Appends row {@code j} of {@code other} (its code as text: call before the engine encodes them). */
  public void addRow(StatementColumns other, int j) {
    codes.add(other.codes, j);
    addFields(other.cip[j], other.amountMinor[j], other.currency(j), other.status(j), other.createdAt[j], other.expiresAt[j], other.paidAt[j],
        other.removedAt(j), other.line.get(j));
  }

  public void addAll(StatementColumns other) {
    if ((removedAt == null) != (other.removedAt == null)) {
      throw new IllegalArgumentException("joining full and engine-only statement columns");
    }
    codes.addAll(other.codes);
    int m = other.size;
    cip = append(cip, size, other.cip, m);
    amountMinor = append(amountMinor, size, other.amountMinor, m);
    currency = append(currency, size, other.currency, m);
    status = append(status, size, other.status, m);
    createdAt = append(createdAt, size, other.createdAt, m);
    expiresAt = append(expiresAt, size, other.expiresAt, m);
    paidAt = append(paidAt, size, other.paidAt, m);
    removedAt = removedAt == null ? null : append(removedAt, size, other.removedAt, m);
    line.addAll(other.line);
    size += m;
  }

  public void trim() {
    codes.trim();
    cip = Arrays.copyOf(cip, size);
    amountMinor = Arrays.copyOf(amountMinor, size);
    currency = Arrays.copyOf(currency, size);
    status = Arrays.copyOf(status, size);
    createdAt = Arrays.copyOf(createdAt, size);
    expiresAt = Arrays.copyOf(expiresAt, size);
    paidAt = Arrays.copyOf(paidAt, size);
    removedAt = removedAt == null ? null : Arrays.copyOf(removedAt, size);
  }

  /** Encodes the transaction codes against the orders ({@link CodeColumn#encode}); nothing when {@code dictionary} is null. */
  public void encodeCodes(CodeColumn.Dictionary dictionary) {
    codes.encode(dictionary);
  }

  public CodeColumn codes() {
    return codes;
  }

  /** The CIP column itself, for indexes that read their keys from it (never modified through it). */
  public long[] cips() {
    return cip;
  }

  public long cip(int j) {
    return cip[j];
  }

  /** The transaction code, null when the gateway gave none. */
  public String transactionCode(int j) {
    return codes.get(j);
  }

  public boolean hasCode(int j) {
    return !codes.isNull(j);
  }

  public long amountMinor(int j) {
    return amountMinor[j];
  }

  public Currency currency(int j) {
    return CURRENCIES[currency[j]];
  }

  public PaymentState status(int j) {
    return STATES[status[j]];
  }

  public long createdAt(int j) {
    return createdAt[j];
  }

  public long expiresAt(int j) {
    return expiresAt[j];
  }

  public long paidAt(int j) {
    return paidAt[j];
  }

  public long removedAt(int j) {
    return removedAt == null ? Times.NONE : removedAt[j];
  }

  public int line(int j) {
    return line.get(j);
  }

  public StatementRow get(int j) {
    return new StatementRow(cip[j], transactionCode(j), amountMinor[j], currency(j), status(j), createdAt[j], expiresAt[j], paidAt[j], removedAt(j), line.get(j));
  }

  public List<StatementRow> toList() {
    List<StatementRow> out = new ArrayList<>(size);
    for (int j = 0; j < size; j++) {
      out.add(get(j));
    }
    return out;
  }

  public long footprint() {
    return codes.footprint() + (long) cip.length * (8 + 8 + 1 + 1 + 8 * 4 + 4);
  }
}
