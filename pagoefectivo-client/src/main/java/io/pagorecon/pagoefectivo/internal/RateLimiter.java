package io.pagorecon.pagoefectivo.internal;

import io.pagorecon.pagoefectivo.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Spaces calls evenly at no more than {@code perSecond}; 0 means unlimited. */
public final class RateLimiter {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long nextFree;
  private boolean started;

  public RateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) Math.ceil(1_000_000_000d / perSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Blocks until the caller may make its call. */
  public void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      long slot = !started || now - nextFree > 0 ? now : nextFree;
      started = true;
      nextFree = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }
}
