package io.pagorecon.core.reconcile.internal;

/**
 * CIP → row index: open addressing over an {@code int[]} (load ≤ 2/3) whose keys are read from
 * the column of CIPs the indexes point into, so a slot costs 4 bytes instead of a long key and an
 * int value. One index per CIP; {@link #put} replaces.
 */
public final class CipIndex {

  private final long[] cips;
  private final int[] slots;
  private final int mask;

  /** @param cips the CIP of each row; {@code expected} is at most the number of rows stored */
  public CipIndex(long[] cips, int expected) {
    this.cips = cips;
    int capacity = capacity(expected);
    this.slots = new int[capacity];
    this.mask = capacity - 1;
  }

  static int capacity(int expected) {
    long want = Math.max(16L, (long) expected * 3 / 2 + 1);
    long c = Long.highestOneBit(want);
    if (c < want) {
      c <<= 1;
    }
    if (c > (1 << 30)) {
      throw new IllegalArgumentException(expected + " entries are too many for one index");
    }
    return (int) c;
  }

  static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The row stored under {@code cip}, or -1. */
  public int get(long cip) {
    int s = slot(cip);
    while (true) {
      int v = slots[s];
      if (v == 0) {
        return -1;
      }
      if (cips[v - 1] == cip) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }

  /** Stores row {@code index} under its CIP; returns the row stored there before, or -1. */
  public int put(int index) {
    long cip = cips[index];
    int s = slot(cip);
    while (true) {
      int v = slots[s];
      if (v == 0) {
        slots[s] = index + 1;
        return -1;
      }
      if (cips[v - 1] == cip) {
        slots[s] = index + 1;
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }
}
