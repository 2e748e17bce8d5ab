package io.pagorecon.core.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Half-up (away from zero) rounding of minor-unit products in long arithmetic, the same result as
 * BigDecimal's {@code setScale(2, HALF_UP)}; {@link #NO_FIT} when an operand or product does not fit,
 * and the caller then uses BigDecimal. The engine's per-row fee and net checks are its hot path.
 */
final class Exact {

  static final long NO_FIT = Long.MIN_VALUE;
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Exact() {}

  /** {@code round(minor × percent / 100)} in minor units. */
  static long percentOf(long minor, BigDecimal percent) {
    return scaled(minor, percent, 2);
  }

  /** {@code round(base × rate, 2)} in minor units (base in minor units). */
  static long timesRate(long baseMinor, BigDecimal rate) {
    long r = scaled(baseMinor, rate, 0);
    return r != NO_FIT ? r : BigDecimal.valueOf(baseMinor, 2).multiply(rate).setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
  }

  /** {@code round(minor × factor / 10^extra)}, factor's scale included. */
  private static long scaled(long minor, BigDecimal factor, int extra) {
    int scale = factor.scale() + extra;
    if (factor.scale() < 0 || scale >= POW10.length || factor.precision() > 18) {
      return NO_FIT;
    }
    long unscaled = factor.unscaledValue().longValue();
    long n;
    try {
      n = Math.multiplyExact(minor, unscaled);
    } catch (ArithmeticException e) {
      return NO_FIT;
    }
    long d = POW10[scale];
    long q = n / d;
    long r = Math.abs(n % d);
    if (r >= d - r) {
      q += Long.signum(n);
    }
    return q;
  }
}
