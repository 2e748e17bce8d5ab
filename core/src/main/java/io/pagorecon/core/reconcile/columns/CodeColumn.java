package io.pagorecon.core.reconcile.columns;

/**
 * The transaction codes of the statement or of the webhooks. Read as text ({@link StringColumn});
 * once the orders are indexed, {@link #encode} turns them into dictionary references: almost every
 * code is an order id, so it becomes that order's index (4 bytes instead of the text), and only the
 * codes no order has keep their text, in a small dictionary of their own.
 */
public final class CodeColumn {

  /** {@link #ref} of a missing code. */
  public static final int NONE = -1;

  /** Looks an order id up by the bytes of a string of a column: an order index or -1. */
  @FunctionalInterface
  public interface OrderLookup {
    int find(StringColumn column, int index);
  }

  private StringColumn text;
  private int[] refs;
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
   * Replaces the text by references into {@code orderIds} (through {@code lookup}); codes that
   * are no order id keep their text. The text column is released.
   */
  public void encode(StringColumn ids, OrderLookup lookup) {
    if (refs != null) {
      return;
    }
    int n = text.size();
    int[] r = new int[n];
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
    rest.trim();
    refs = r;
    orderIds = ids;
    unknown = rest;
    text = null;
  }

  public int size() {
    return refs != null ? refs.length : text.size();
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

  /** {@link String#compareTo} order of code {@code j} (null as "") and string {@code i} of {@code other}. */
  public int compareTo(int j, StringColumn other, int i) {
    if (refs == null) {
      return text.compareAt(j, other, i);
    }
    int r = refs[j];
    if (r >= 0) {
      return orderIds.compareAt(r, other, i);
    }
    if (r == NONE) {
      return other.isNull(i) || other.start(i) == other.end(i) ? 0 : -1;
    }
    return unknown.compareAt(-2 - r, other, i);
  }

  /** The column and index holding code {@code j}'s text, for comparisons without decoding; null column when missing. */
  public StringColumn columnOf(int j) {
    if (refs == null) {
      return text;
    }
    int r = refs[j];
    return r >= 0 ? orderIds : r == NONE ? null : unknown;
  }

  public int indexIn(int j) {
    if (refs == null) {
      return j;
    }
    int r = refs[j];
    return r >= 0 ? r : -2 - r;
  }

  void addAll(CodeColumn other) {
    text().addAll(other.text());
  }

  void trim() {
    if (text != null) {
      text.trim();
    }
  }

  long footprint() {
    return refs != null ? 4L * refs.length + unknown.footprint() : text.footprint();
  }
}
