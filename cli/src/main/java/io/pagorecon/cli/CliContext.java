package io.pagorecon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may take from its surroundings: the clock, stdout (results), stderr
 * (diagnostics), the environment, and whether stdout is a terminal (progress bars) or not (plain
 * lines). Tests pass a fixed clock and captured writers.
 */
public record CliContext(Clock clock, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {

  /** Not a terminal: progress is written as plain lines. */
  public CliContext(Clock clock, PrintWriter out, PrintWriter err, Map<String, String> env) {
    this(clock, out, err, env, false);
  }

  public CliContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }
}
