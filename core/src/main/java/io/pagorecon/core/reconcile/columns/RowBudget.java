package io.pagorecon.core.reconcile.columns;

/**
 * How many input rows (orders, statement rows and webhooks together) a run may hold: the readers
 * take from it as they add rows and stop with {@link ExceededException} once it is spent, so a day
 * too large for the memory fails while reading, before the heap is full.
 */
public final class RowBudget {

  /** The budget ran out: the day holds more than {@link #limit()} rows. */
  public static final class ExceededException extends RuntimeException {
    private final long limit;

    ExceededException(long limit) {
      super("more than " + limit + " input rows");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  private final long limit;
  private long used;

  public RowBudget(long limit) {
    this.limit = limit;
  }

  public static RowBudget unlimited() {
    return new RowBudget(Long.MAX_VALUE);
  }

  public long limit() {
    return limit;
  }

  public synchronized long used() {
    return used;
  }

  /** Takes {@code n} rows; throws when the limit is passed. */
  public synchronized void take(long n) {
    used += n;
    if (used > limit) {
      throw new ExceededException(limit);
    }
  }
}
