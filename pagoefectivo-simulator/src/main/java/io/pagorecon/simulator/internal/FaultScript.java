package io.pagorecon.simulator.internal;

import io.pagorecon.simulator.ApiFault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Faults scripted for the next N matching {@code /v1} calls, consumed in order. */
public final class FaultScript {

  private static final class Entry {
    final ApiFault fault;
    final String pathPrefix;
    int remaining;

    Entry(ApiFault fault, String pathPrefix, int remaining) {
      this.fault = fault;
      this.pathPrefix = pathPrefix;
      this.remaining = remaining;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** {@code pathPrefix} like {@code /v1/cips/search}; empty matches every call. */
  public synchronized void add(ApiFault fault, int count, String pathPrefix) {
    entries.add(new Entry(fault, pathPrefix == null ? "" : pathPrefix, count));
  }

  public synchronized Optional<ApiFault> next(String path) {
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (path.startsWith(e.pathPrefix)) {
        e.remaining--;
        if (e.remaining <= 0) {
          it.remove();
        }
        return Optional.of(e.fault);
      }
    }
    return Optional.empty();
  }

  public synchronized void clear() {
    entries.clear();
  }
}
