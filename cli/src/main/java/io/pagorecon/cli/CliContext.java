package io.pagorecon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may take from its surroundings: the clock, stdout (results), stderr
 * (diagnostics) and the environment. Tests pass a fixed clock and captured writers.
 */
public record CliContext(Clock clock, PrintWriter out, PrintWriter err, Map<String, String> env) {

  public CliContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }
}
