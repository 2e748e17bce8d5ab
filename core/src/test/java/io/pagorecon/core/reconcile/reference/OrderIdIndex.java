package io.pagorecon.core.reconcile.reference;

import java.util.function.IntFunction;

/**
 * Order id → order index without boxing: open addressing over an {@code int[]}, the ids themselves
 * read from the orders (no second copy of a million strings, no Integer or node objects).
 */
final class OrderIdIndex {

  private final IntFunction<String> idOf;
  private final int[] slots;
  private final int mask;

  /** @param idOf the order id of an index; {@code expected} is the number of orders */
  public OrderIdIndex(int expected, IntFunction<String> idOf) {
    this.idOf = idOf;
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
  }

  /** Stores {@code index} under its id; returns the index already stored under that id, or -1. */
  public int putIfAbsent(int index) {
    String id = idOf.apply(index);
    int s = spread(id.hashCode()) & mask;
    while (true) {
      int v = slots[s];
      if (v == 0) {
        slots[s] = index + 1;
        return -1;
      }
      if (idOf.apply(v - 1).equals(id)) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }

  /** The index stored under {@code id}, or -1. */
  public int get(String id) {
    int s = spread(id.hashCode()) & mask;
    while (true) {
      int v = slots[s];
      if (v == 0) {
        return -1;
      }
      if (idOf.apply(v - 1).equals(id)) {
        return v - 1;
      }
      s = (s + 1) & mask;
    }
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }
}
