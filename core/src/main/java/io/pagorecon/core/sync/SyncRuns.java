package io.pagorecon.core.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * Where SyncFunction notes each finished sweep, so the doctor's {@code pipeline} check can tell a
 * sync that stopped running (no schedule firing, every invocation failing) from one that ran.
 */
public interface SyncRuns {

  /** One finished sweep: when it ended, how many CIPs it polled and how many it could not check. */
  record Run(Instant finishedAt, int checked, int failed) {}

  void record(Run run);

  Optional<Run> last();

  /** For wirings without a stack (tests, the bench): remembers nothing. */
  SyncRuns NONE = new SyncRuns() {
    @Override
    public void record(Run run) {}

    @Override
    public Optional<Run> last() {
      return Optional.empty();
    }
  };
}
