package io.pagorecon.core.daily;

/**
 * How large a day the reconcile run can hold in its heap: input rows (orders, statement rows and
 * webhooks together) at a measured number of heap bytes per row, after a fixed reserve for the JVM,
 * the SDK and the reports. A day past it is refused while it is being read, with an alert that
 * names the size, instead of running out of memory.
 *
 * @param heapBytes the heap the run has ({@code Runtime.maxMemory()})
 * @param maxRows the rows that fit
 */
public record DayCapacity(long heapBytes, long maxRows) {

  /**
   * Heap bytes per input row the column engine needs at its peak: the largest heap still in use
   * after a collection in {@code bench reconcile --orders 1000000} (283 MB for 2,854,730 rows, an
   * upper bound), rounded up; a generated day has about 2.9 input rows per order.
   * docs/performance.md, "Memory per order".
   */
  public static final long BYTES_PER_ROW = 105;

  /** Heap kept for everything but the day's rows (JVM, SDK clients, parse buffers, report bytes). */
  public static final long RESERVE_BYTES = 96L << 20;

  /** Input rows per ten orders in a generated day (orders, ~1.02 statement rows, ~0.86 webhooks each). */
  public static final long ROWS_PER_TEN_ORDERS = 29;

  public static DayCapacity forHeap(long heapBytes) {
    return new DayCapacity(heapBytes, Math.max(0, (heapBytes - RESERVE_BYTES) / BYTES_PER_ROW));
  }

  public static DayCapacity unlimited() {
    return new DayCapacity(Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** Orders a usual day can have within the capacity. */
  public long maxOrders() {
    return maxRows == Long.MAX_VALUE ? Long.MAX_VALUE : maxRows / ROWS_PER_TEN_ORDERS * 10;
  }

  /** The problem line of the alert for a day that did not fit. */
  public String problem(String where) {
    return "the day has more than " + maxRows + " input rows (orders, statement rows and webhooks; stopped reading " + where + "): "
        + "this function's heap of " + (heapBytes >> 20) + " MiB holds about " + maxRows + " rows at " + BYTES_PER_ROW
        + " bytes each, about " + maxOrders() + " orders a day; raise ReconcileFunction's MemorySize";
  }
}
