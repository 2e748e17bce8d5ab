package io.pagorecon.core.reconcile.internal;

import io.pagorecon.core.reconcile.columns.StringColumn;

/**
 * Order id → order index: open addressing over an {@code int[]} (load ≤ 2/3), the ids read from
 * their {@link StringColumn}, so no second copy of the ids and no boxing.
 */
public final class IdIndex {

  private final StringColumn ids;
  private int[] slots;
  private int mask;
  private int size;

  public IdIndex(StringColumn ids) {
    this(ids, ids.size());
  }

  /** An index for ids that {@code ids} will hold (it may keep growing: the index grows with it). */
  public IdIndex(StringColumn ids, int expected) {
    this.ids = ids;
    int capacity = CipIndex.capacity(expected);
    this.slots = new int[capacity];
    this.mask = capacity - 1;
  }

  /** Stores {@code index} under its id; returns the index already stored under that id, or -1. */
  public int putIfAbsent(int index) {
    if ((size + 1) * 3L > slots.length * 2L) {
      grow();
    }
    int s = CipIndex.spread(ids.hash(index)) & mask;
    while (true) {
      int v = slots[s];
      if (v == 0) {
        slots[s] = index + 1;
        size++;
        return -1;
      }
      if (ids.equalsAt(v - 1, ids, index)) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    mask = slots.length - 1;
    for (int v : old) {
      if (v != 0) {
        int s = CipIndex.spread(ids.hash(v - 1)) & mask;
        while (slots[s] != 0) {
          s = (s + 1) & mask;
        }
        slots[s] = v;
      }
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
