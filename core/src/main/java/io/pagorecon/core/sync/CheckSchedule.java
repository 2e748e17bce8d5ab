package io.pagorecon.core.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When the sync job looks at an open CIP again. Checks happen at fixed offsets from the CIP's
 * creation (10 min, 1 h, 6 h by default), then once a day, and stop one day (the grace) after its
 * expiry; a CIP without a known expiry is tracked for {@code maxTracking}.
 *
 * @param offsets offsets from creation of the first checks, increasing
 * @param thenEvery the interval once the offsets are used up
 * @param grace how long after expiry a CIP is still checked (a late payment, a lost expiry webhook)
 * @param maxTracking how long a CIP with no known expiry is checked, from creation
 * @param minimumGap the smallest delay between two checks of one CIP (a sweep running late never
 *     checks the same CIP twice in a row)
 */
public record CheckSchedule(List<Duration> offsets, Duration thenEvery, Duration grace, Duration maxTracking, Duration minimumGap) {

  public CheckSchedule {
    offsets = List.copyOf(offsets);
    Objects.requireNonNull(thenEvery, "thenEvery");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(maxTracking, "maxTracking");
    Objects.requireNonNull(minimumGap, "minimumGap");
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("at least one check offset is needed");
    }
    for (int i = 1; i < offsets.size(); i++) {
      if (offsets.get(i).compareTo(offsets.get(i - 1)) <= 0) {
        throw new IllegalArgumentException("check offsets must increase: " + offsets);
      }
    }
    if (thenEvery.isNegative() || thenEvery.isZero() || minimumGap.isNegative()) {
      throw new IllegalArgumentException("thenEvery must be positive and minimumGap not negative");
    }
  }

  /** 10 min, 1 h, 6 h after creation, then daily until one day past expiry (30 days without one). */
  public static CheckSchedule standard() {
    return new CheckSchedule(
        List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6)),
        Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(5));
  }

  /**
   * Parses {@code 10m,1h,6h} (units s, m, h, d) into offsets; the rest as {@link #standard()}.
   *
   * @throws IllegalArgumentException naming the bad item
   */
  public static CheckSchedule parseOffsets(String text, Duration thenEvery, Duration grace) {
    List<Duration> offsets = java.util.Arrays.stream(text.split(",")).map(String::trim).map(CheckSchedule::parseDuration).toList();
    CheckSchedule std = standard();
    return new CheckSchedule(offsets, thenEvery, grace, std.maxTracking(), std.minimumGap());
  }

  /** {@code 90s}, {@code 10m}, {@code 6h}, {@code 1d}. */
  public static Duration parseDuration(String text) {
    String s = text.trim();
    if (s.length() < 2) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 10m, 6h, 1d)");
    }
    long n;
    try {
      n = Long.parseLong(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 10m, 6h, 1d)", e);
    }
    if (n <= 0) {
      throw new IllegalArgumentException("duration must be positive: '" + text + "'");
    }
    switch (s.charAt(s.length() - 1)) {
      case 's': return Duration.ofSeconds(n);
      case 'm': return Duration.ofMinutes(n);
      case 'h': return Duration.ofHours(n);
      case 'd': return Duration.ofDays(n);
      default: throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 10m, 6h, 1d)");
    }
  }

  /** Offset from creation of check number {@code step} (0 = the first check). */
  public Duration offset(int step) {
    if (step < offsets.size()) {
      return offsets.get(step);
    }
    return offsets.get(offsets.size() - 1).plus(thenEvery.multipliedBy(step - offsets.size() + 1L));
  }

  /**
   * When to check a CIP next, after {@code checksDone} checks, as of {@code now}; empty when it is
   * too old to check again.
   *
   * @param createdAt the CIP's creation, when known (else offsets count from now)
   */
  public Optional<Instant> next(int checksDone, Optional<Instant> createdAt, Optional<Instant> expiresAt, Instant now) {
    Instant anchor = createdAt.orElse(now);
    Instant limit = expiresAt.map(e -> e.plus(grace)).orElse(anchor.plus(maxTracking));
    if (!now.isBefore(limit)) {
      return Optional.empty();
    }
    Instant candidate = createdAt
        .map(c -> c.plus(offset(checksDone)))
        .orElseGet(() -> now.plus(offset(checksDone).minus(checksDone == 0 ? Duration.ZERO : offset(checksDone - 1))));
    Instant earliest = now.plus(minimumGap);
    if (candidate.isBefore(earliest)) {
      candidate = earliest;
    }
    return Optional.of(candidate.isAfter(limit) ? limit : candidate);
  }
}
