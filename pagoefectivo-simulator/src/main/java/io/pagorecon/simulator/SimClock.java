package io.pagorecon.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's controllable clock: runs with a base clock plus an offset, or frozen at an
 * instant. Tests freeze and advance it; the standalone demo lets it run.
 */
public final class SimClock extends Clock {

  private record State(Duration offset, Instant frozen) {}

  private final Clock base;
  private final AtomicReference<State> state;

  private SimClock(Clock base, State initial) {
    this.base = base;
    this.state = new AtomicReference<>(initial);
  }

  public static SimClock running(Clock base) {
    return new SimClock(base, new State(Duration.ZERO, null));
  }

  public static SimClock frozenAt(Instant instant) {
    return new SimClock(Clock.systemUTC(), new State(Duration.ZERO, instant));
  }

  @Override
  public Instant instant() {
    State s = state.get();
    return s.frozen != null ? s.frozen : base.instant().plus(s.offset);
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration by) {
    state.updateAndGet(s -> s.frozen != null
        ? new State(s.offset, s.frozen.plus(by))
        : new State(s.offset.plus(by), null));
  }

  /** Sets the current time; a frozen clock stays frozen, a running one keeps running from there. */
  public void set(Instant to) {
    state.updateAndGet(s -> s.frozen != null
        ? new State(s.offset, to)
        : new State(Duration.between(base.instant(), to), null));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}
