package io.pagorecon.core.reconcile.columns;

import static io.pagorecon.core.reconcile.columns.OrderColumns.append;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.webhook.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The verified webhooks of a run as columns (see {@link OrderColumns}). */
public final class WebhookColumns {

  private static final Currency[] CURRENCIES = Currency.values();
  private static final EventType[] TYPES = EventType.values();
  private static final byte NO_CURRENCY = -1;

  private final CodeColumn codes;
  private long[] cip;
  private byte[] type;
  private long[] amountMinor;
  private byte[] currency;
  private long[] paymentDate;
  private long[] receivedAt;
  private final LineColumn line = new LineColumn();
  private int size;

  public WebhookColumns(int expected) {
    int n = Math.max(4, expected);
    codes = new CodeColumn(n);
    cip = new long[n];
    type = new byte[n];
    amountMinor = new long[n];
    currency = new byte[n];
    paymentDate = new long[n];
    receivedAt = new long[n];
  }

  public static WebhookColumns of(List<WebhookReceipt> receipts) {
    WebhookColumns c = new WebhookColumns(receipts.size());
    for (WebhookReceipt r : receipts) {
      c.add(r);
    }
    return c;
  }

  public int size() {
    return size;
  }

  public void add(WebhookReceipt r) {
    add(r.cip(), r.type(), r.transactionCode(), r.amountMinor(), r.currency(), r.paymentDate(), r.receivedAt(), r.line());
  }

  /** Appends a receipt; {@code code} and {@code cur} may be null. */
  public void add(long cipValue, EventType t, String code, long amount, Currency cur, long payment, long received, int lineNo) {
    codes.text().add(code);
    addFields(cipValue, t, amount, cur, payment, received, lineNo);
  }

  /** Appends a receipt whose code is the ASCII bytes {@code [from, to)} of {@code code}. */
  public void add(long cipValue, EventType t, byte[] code, int from, int to, long amount, Currency cur, long payment, long received, int lineNo) {
    codes.text().add(code, from, to);
    addFields(cipValue, t, amount, cur, payment, received, lineNo);
  }

  private void addFields(long cipValue, EventType t, long amount, Currency cur, long payment, long received, int lineNo) {
    if (size == cip.length) {
      int n = Columns.grow(size, size + 1);
      cip = Arrays.copyOf(cip, n);
      type = Arrays.copyOf(type, n);
      amountMinor = Arrays.copyOf(amountMinor, n);
      currency = Arrays.copyOf(currency, n);
      paymentDate = Arrays.copyOf(paymentDate, n);
      receivedAt = Arrays.copyOf(receivedAt, n);
    }
    cip[size] = cipValue;
    type[size] = (byte) t.ordinal();
    amountMinor[size] = amount;
    currency[size] = cur == null ? NO_CURRENCY : (byte) cur.ordinal();
    paymentDate[size] = payment;
    receivedAt[size] = received;
    line.add(lineNo);
    size++;
  }

  public void addAll(WebhookColumns other) {
    codes.addAll(other.codes);
    int m = other.size;
    cip = append(cip, size, other.cip, m);
    type = append(type, size, other.type, m);
    amountMinor = append(amountMinor, size, other.amountMinor, m);
    currency = append(currency, size, other.currency, m);
    paymentDate = append(paymentDate, size, other.paymentDate, m);
    receivedAt = append(receivedAt, size, other.receivedAt, m);
    line.addAll(other.line);
    size += m;
  }

  public void trim() {
    codes.trim();
    cip = Arrays.copyOf(cip, size);
    type = Arrays.copyOf(type, size);
    amountMinor = Arrays.copyOf(amountMinor, size);
    currency = Arrays.copyOf(currency, size);
    paymentDate = Arrays.copyOf(paymentDate, size);
    receivedAt = Arrays.copyOf(receivedAt, size);
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

  public long cip(int w) {
    return cip[w];
  }

  public EventType type(int w) {
    return TYPES[type[w]];
  }

  /** A verified cip.paid naming a CIP: the only kind the engine counts. */
  public boolean isPaid(int w) {
    return type[w] == EventType.CIP_PAID.ordinal() && cip[w] != Order.NO_CIP;
  }

  public String transactionCode(int w) {
    return codes.get(w);
  }

  public long amountMinor(int w) {
    return amountMinor[w];
  }

  /** Null when the notification carried no amount. */
  public Currency currency(int w) {
    return currency[w] == NO_CURRENCY ? null : CURRENCIES[currency[w]];
  }

  public int currencyOrdinal(int w) {
    return currency[w];
  }

  public long paymentDate(int w) {
    return paymentDate[w];
  }

  public long receivedAt(int w) {
    return receivedAt[w];
  }

  public WebhookReceipt get(int w) {
    return new WebhookReceipt(cip[w], type(w), transactionCode(w), amountMinor[w], currency(w), paymentDate[w], receivedAt[w], line.get(w));
  }

  public List<WebhookReceipt> toList() {
    List<WebhookReceipt> out = new ArrayList<>(size);
    for (int w = 0; w < size; w++) {
      out.add(get(w));
    }
    return out;
  }

  public long footprint() {
    return codes.footprint() + (long) cip.length * (8 + 1 + 8 + 1 + 8 + 8 + 4);
  }
}
