package io.pagorecon.core.reconcile.reference;

import java.util.Arrays;

/** Open-addressing map from non-negative long keys (CIPs) to int indexes; no boxing. */
final class LongIntMap {

  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  public LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
  }

  /** The value, or -1 when absent. */
  public int get(long key) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Stores the value and returns the previous one, or -1. */
  public int put(long key, int value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  public int size() {
    return size;
  }

  /** Calls the consumer for every entry, in no particular order. */
  public void forEach(Entry consumer) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        consumer.accept(keys[i], values[i]);
      }
    }
  }

  /** An entry visitor. */
  @FunctionalInterface
  public interface Entry {
    void accept(long key, int value);
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
