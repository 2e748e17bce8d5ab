package io.pagorecon.core.statement;

import java.util.List;

/** A slice could not look up all its CIPs: nothing of it was written, and the queue retries it alone. */
public final class SliceFailedException extends RuntimeException {

  private final List<String> failedCips;

  public SliceFailedException(String message, List<String> failedCips) {
    super(message);
    this.failedCips = List.copyOf(failedCips);
  }

  public List<String> failedCips() {
    return failedCips;
  }
}
