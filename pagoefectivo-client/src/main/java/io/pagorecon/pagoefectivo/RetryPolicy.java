package io.pagorecon.pagoefectivo;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter for calls that are safe to repeat. {@code maxAttempts} counts the
 * first try; {@code jitter} is the fraction of each delay that is randomised (0 = none, 1 = full).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within [0, 1]");
    }
  }

  /** 4 attempts, 200 ms doubling up to 5 s, half of each delay random. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5);
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0);
  }

  /**
   * The wait before retry number {@code retry} (1 = the wait after the first failure); {@code
   * random} is a uniform draw in [0, 1).
   */
  public Duration delayBefore(int retry, double random) {
    long base = baseDelay.toMillis();
    long exp = retry >= 31 ? Long.MAX_VALUE : base << Math.max(0, retry - 1);
    long capped = exp < 0 || exp > maxDelay.toMillis() ? maxDelay.toMillis() : exp;
    long fixed = Math.round(capped * (1 - jitter));
    return Duration.ofMillis(fixed + Math.round(capped * jitter * random));
  }
}
