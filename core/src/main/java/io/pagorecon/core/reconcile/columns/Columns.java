package io.pagorecon.core.reconcile.columns;

/** Growth of the column arrays: by half, enough for {@code needed}. */
final class Columns {

  private Columns() {}

  static int grow(int current, int needed) {
    long next = Math.max((long) needed, current + (current >> 1) + 16L);
    if (next > Integer.MAX_VALUE - 8) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("a column of more than " + (Integer.MAX_VALUE - 8) + " entries");
      }
      next = Integer.MAX_VALUE - 8;
    }
    return (int) next;
  }
}
