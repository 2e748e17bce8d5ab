package io.pagorecon.core.reconcile;

import java.time.Instant;

/**
 * Instants inside the engine are epoch milliseconds, so a million rows cost no {@link Instant}
 * objects; {@link #NONE} marks an empty timestamp.
 */
public final class Times {

  public static final long NONE = Long.MIN_VALUE;

  private Times() {}

  public static long millis(Instant instant) {
    return instant == null ? NONE : instant.toEpochMilli();
  }

  public static Instant instant(long millis) {
    if (millis == NONE) {
      throw new IllegalArgumentException("no timestamp");
    }
    return Instant.ofEpochMilli(millis);
  }

  public static boolean present(long millis) {
    return millis != NONE;
  }
}
