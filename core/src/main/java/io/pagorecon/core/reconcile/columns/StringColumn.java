package io.pagorecon.core.reconcile.columns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings stored back to back as UTF-8 in one byte array, with their end offsets in an int array:
 * about the string's length plus 4 bytes each instead of a {@code String} object (~56 bytes plus
 * the text). Null is allowed (a complemented end). Strings are decoded only when asked for.
 */
public final class StringColumn {

  private byte[] bytes;
  private int used;
  private int[] ends;
  private int size;

  public StringColumn(int expected) {
    ends = new int[Math.max(4, expected)];
    bytes = new byte[Math.max(16, expected * 12)];
  }

  public int size() {
    return size;
  }

  public void addNull() {
    ensureRows(size + 1);
    ends[size++] = ~used;
  }

  /** Appends bytes {@code [from, to)}, which must be UTF-8. */
  public void add(byte[] src, int from, int to) {
    int n = to - from;
    ensureBytes(used + n);
    System.arraycopy(src, from, bytes, used, n);
    used += n;
    ensureRows(size + 1);
    ends[size++] = used;
  }

  /** Appends string {@code j} of {@code other}. */
  public void add(StringColumn other, int j) {
    if (other.isNull(j)) {
      addNull();
    } else {
      add(other.bytes, other.start(j), other.end(j));
    }
  }

  public void add(String s) {
    if (s == null) {
      addNull();
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    add(b, 0, b.length);
  }

  /** Appends every string of {@code other}, in order. */
  public void addAll(StringColumn other) {
    ensureBytes(used + other.used);
    System.arraycopy(other.bytes, 0, bytes, used, other.used);
    ensureRows(size + other.size);
    for (int i = 0; i < other.size; i++) {
      int e = other.ends[i];
      ends[size + i] = e < 0 ? ~(~e + used) : e + used;
    }
    used += other.used;
    size += other.size;
  }

  public boolean isNull(int i) {
    return ends[i] < 0;
  }

  public int start(int i) {
    return i == 0 ? 0 : end(i - 1);
  }

  public int end(int i) {
    int e = ends[i];
    return e < 0 ? ~e : e;
  }

  /** The string, or null. */
  public String get(int i) {
    if (isNull(i)) {
      return null;
    }
    int s = start(i);
    return new String(bytes, s, end(i) - s, StandardCharsets.UTF_8);
  }

  /** The string, or "" for null. */
  public String getOrEmpty(int i) {
    String s = get(i);
    return s == null ? "" : s;
  }

  /** Same hash for equal strings of any {@link StringColumn}; 0 for null. */
  public int hash(int i) {
    if (isNull(i)) {
      return 0;
    }
    int h = 1;
    for (int k = start(i), e = end(i); k < e; k++) {
      h = 31 * h + bytes[k];
    }
    return h;
  }

  /**
   * A 64-bit hash of string {@code i}'s UTF-8 bytes (FNV-1a, then mixed), the same for equal
   * strings of any column and stable across runs: the lookback index stores it. 0 for null.
   */
  public long hash64(int i) {
    if (isNull(i)) {
      return 0L;
    }
    long h = 0xcbf29ce484222325L;
    for (int k = start(i), e = end(i); k < e; k++) {
      h ^= bytes[k] & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** Whether string {@code i} equals string {@code j} of {@code other} (nulls equal only nulls). */
  public boolean equalsAt(int i, StringColumn other, int j) {
    if (isNull(i) || other.isNull(j)) {
      return isNull(i) && other.isNull(j);
    }
    int s = start(i);
    int os = other.start(j);
    return Arrays.equals(bytes, s, end(i), other.bytes, os, other.end(j));
  }

  /**
   * {@link String#compareTo} order of string {@code i} and string {@code j} of {@code other}, null
   * being "": byte order is code point order, which equals UTF-16 order for ASCII; any other text
   * is compared as decoded strings.
   */
  public int compareAt(int i, StringColumn other, int j) {
    int s = start(i);
    int e = isNull(i) ? s : end(i);
    int os = other.start(j);
    int oe = other.isNull(j) ? os : other.end(j);
    int n = Math.min(e - s, oe - os);
    for (int k = 0; k < n; k++) {
      byte a = bytes[s + k];
      byte b = other.bytes[os + k];
      if (a < 0 || b < 0) {
        return getOrEmpty(i).compareTo(other.getOrEmpty(j));
      }
      if (a != b) {
        return a - b;
      }
    }
    if (!ascii(bytes, s + n, e) || !ascii(other.bytes, os + n, oe)) {
      return getOrEmpty(i).compareTo(other.getOrEmpty(j));
    }
    return (e - s) - (oe - os);
  }

  private static boolean ascii(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if (b[k] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Releases the spare capacity once the column is complete. */
  public void trim() {
    if (bytes.length != used) {
      bytes = Arrays.copyOf(bytes, used);
    }
    if (ends.length != size) {
      ends = Arrays.copyOf(ends, size);
    }
  }

  /** Bytes held, for the memory estimate. */
  public long footprint() {
    return bytes.length + 4L * ends.length;
  }

  private void ensureRows(int n) {
    if (n > ends.length) {
      ends = Arrays.copyOf(ends, Columns.grow(ends.length, n));
    }
  }

  private void ensureBytes(int n) {
    if (n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Columns.grow(bytes.length, n));
    }
  }
}
