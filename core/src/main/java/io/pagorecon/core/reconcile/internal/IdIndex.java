package io.pagorecon.core.reconcile.internal;

import io.pagorecon.core.reconcile.columns.StringColumn;

/**
 * Order id → order index: open addressing over an {@code int[]} (load ≤ 2/3), the ids read from
 * their {@link StringColumn}, so no second copy of the ids and no boxing.
 */
public final class IdIndex {

  private final StringColumn ids;
  private final int[] slots;
  private final int mask;

  public IdIndex(StringColumn ids) {
    this.ids = ids;
    int capacity = CipIndex.capacity(ids.size());
    this.slots = new int[capacity];
    this.mask = capacity - 1;
  }

  /** Stores {@code index} under its id; returns the index already stored under that id, or -1. */
  public int putIfAbsent(int index) {
    int s = CipIndex.spread(ids.hash(index)) & mask;
    while (true) {
      int v = slots[s];
      if (v == 0) {
        slots[s] = index + 1;
        return -1;
      }
      if (ids.equalsAt(v - 1, ids, index)) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }

  /** The index of the order whose id is string {@code j} of {@code column}, or -1. */
  public int get(StringColumn column, int j) {
    if (column.isNull(j)) {
      return -1;
    }
    int s = CipIndex.spread(column.hash(j)) & mask;
    while (true) {
      int v = slots[s];
      if (v == 0) {
        return -1;
      }
      if (ids.equalsAt(v - 1, column, j)) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }
}
