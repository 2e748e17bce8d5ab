package io.pagorecon.core.reconcile.columns;

import java.util.Arrays;

/**
 * The transaction codes of the statement or of the webhooks. Read as text ({@link StringColumn}),
 * or encoded against the orders ({@link #encode}): almost every code is an order id, so it becomes
 * that order's index (4 bytes instead of the text), and only the codes no order has keep their
 * text, in a small dictionary of their own. The readers encode each chunk as they parse it when
 * the orders are known already, so the text of a million codes is never held.
 */
public final class CodeColumn {

  /** {@link #ref} of a missing code. */
  public static final int NONE = -1;

  /** Looks an order id up by the bytes of a string of a column: an order index or -1. */
  @FunctionalInterface
  public interface OrderLookup {
    int find(StringColumn column, int index);
  }

  /** The orders' ids and a lookup into them: what codes are encoded against. */
  public record Dictionary(StringColumn ids, OrderLookup lookup) {}

  private StringColumn text;
  private int[] refs;
  private int size;
  private StringColumn orderIds;
  private StringColumn unknown;

  CodeColumn(int expected) {
    text = new StringColumn(expected);
  }

  StringColumn text() {
    if (text == null) {
      throw new IllegalStateException("the codes are encoded already");
    }
    return text;
  }

  public boolean encoded() {
    return refs != null;
  }

  /**
   * Replaces the text by references into {@code ids} (through {@code lookup}); codes that are no
   * order id keep their text. The text column is released. Nothing happens when already encoded.
   */
  public void encode(StringColumn ids, OrderLookup lookup) {
    if (refs != null) {
      return;
    }
    int n = text.size();
    int[] r = new int[Math.max(4, n)];
    StringColumn rest = new StringColumn(16);
    for (int j = 0; j < n; j++) {
      if (text.isNull(j)) {
        r[j] = NONE;
        continue;
      }
      int order = lookup.find(text, j);
      if (order >= 0) {
        r[j] = order;
      } else {
        r[j] = -2 - rest.size();
        rest.add(text, j);
      }
    }
    refs = r;
    size = n;
    orderIds = ids;
    unknown = rest;
    text = null;
  }

  /** Encodes against {@code dictionary} (nothing when null). */
  void encode(Dictionary dictionary) {
    if (dictionary != null) {
      encode(dictionary.ids(), dictionary.lookup());
    }
  }

  public int size() {
    return refs != null ? size : text.size();
  }

  /**
   * After {@link #encode}: the index of the order whose id is code {@code j}, {@link #NONE} when
   * the code is missing, or another negative number when no order has that id.
   */
  public int ref(int j) {
    return refs[j];
  }

  public boolean isNull(int j) {
    return refs != null ? refs[j] == NONE : text.isNull(j);
  }

  /** The code, null when missing. */
  public String get(int j) {
    if (refs == null) {
      return text.get(j);
    }
    int r = refs[j];
    return r >= 0 ? orderIds.get(r) : r == NONE ? null : unknown.get(-2 - r);
  }

  /** The column holding code {@code j}'s text, for comparisons without decoding; null when the code is missing. */
  public StringColumn columnOf(int j) {
    if (refs == null) {
      return text.isNull(j) ? null : text;
    }
    int r = refs[j];
    return r >= 0 ? orderIds : r == NONE ? null : unknown;
  }

  /** The index of code {@code j} in {@link #columnOf}. */
  public int indexIn(int j) {
    if (refs == null) {
      return j;
    }
    int r = refs[j];
    return r >= 0 ? r : -2 - r;
  }

  /**
   * The codes no order had when they were encoded (every code while still text): the ones the
   * daily run looks up among earlier orders exports. Read only.
   */
  public StringColumn unresolved() {
    return refs == null ? text : unknown;
  }

  /**
   * After orders were appended to the column the codes were encoded against: the codes that had no
   * order and now name one point at it, exactly as if they had been encoded against all the orders
   * at once. Nothing happens while the codes are still text (they are encoded later).
   */
  public void resolveAgain(OrderLookup lookup) {
    if (refs == null) {
      return;
    }
    for (int j = 0; j < size; j++) {
      int r = refs[j];
      if (r < NONE) {
        int order = lookup.find(unknown, -2 - r);
        if (order >= 0) {
          refs[j] = order;
        }
      }
    }
  }

  /** Appends the codes of {@code other}; both are text, or both encoded against the same orders. */
  void addAll(CodeColumn other) {
    adoptEncodingWhenEmpty(other);
    if (refs == null && other.refs == null) {
      text.addAll(other.text);
      return;
    }
    checkSameEncoding(other);
    ensure(size + other.size);
    int shift = unknown.size();
    for (int j = 0; j < other.size; j++) {
      int r = other.refs[j];
      refs[size + j] = r >= NONE ? r : r - shift;
    }
    size += other.size;
    unknown.addAll(other.unknown);
  }

  /** Appends code {@code j} of {@code other}, text or encoded like this column. */
  void add(CodeColumn other, int j) {
    adoptEncodingWhenEmpty(other);
    if (refs == null && other.refs == null) {
      text.add(other.text, j);
      return;
    }
    checkSameEncoding(other);
    int r = other.refs[j];
    if (r < NONE) {
      r = -2 - unknown.size();
      unknown.add(other.unknown, -2 - other.refs[j]);
    }
    ensure(size + 1);
    refs[size++] = r;
  }

  /** An empty column takes the encoding of the first codes it is given. */
  private void adoptEncodingWhenEmpty(CodeColumn other) {
    if (refs == null && other.refs != null && text.size() == 0) {
      refs = new int[Math.max(4, other.size)];
      size = 0;
      orderIds = other.orderIds;
      unknown = new StringColumn(16);
      text = null;
    }
  }

  private void checkSameEncoding(CodeColumn other) {
    if (refs == null || other.refs == null || orderIds != other.orderIds) {
      throw new IllegalArgumentException("joining codes encoded differently");
    }
  }

  private void ensure(int n) {
    if (n > refs.length) {
      refs = Arrays.copyOf(refs, Columns.grow(refs.length, n));
    }
  }

  void trim() {
    if (text != null) {
      text.trim();
    } else {
      refs = Arrays.copyOf(refs, size);
      unknown.trim();
    }
  }

  long footprint() {
    return refs != null ? 4L * refs.length + unknown.footprint() : text.footprint();
  }
}
