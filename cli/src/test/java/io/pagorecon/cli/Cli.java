package io.pagorecon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A CLI run with captured writers, a fixed clock (2024-01-16 15:00 Lima) and a given environment. */
final class Cli {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CliContext context;

  Cli(Map<String, String> env) {
    this(env, Clock.fixed(Instant.parse("2024-01-16T20:00:00Z"), ZoneOffset.UTC));
  }

  /** With the given clock: a real one where the run talks to something that keeps real time (the simulator). */
  Cli(Map<String, String> env, Clock clock) {
    context = new CliContext(clock, new PrintWriter(out, true), new PrintWriter(err, true), env);
  }

  /** HOME is a directory of this test run, never the real one: serve records its stack under HOME. */
  Cli() {
    this(Map.of("HOME", TEST_HOME.toString()));
  }

  static final java.nio.file.Path TEST_HOME = testHome();

  private static java.nio.file.Path testHome() {
    try {
      java.nio.file.Path home = java.nio.file.Files.createTempDirectory("pagorecon-test-home");
      home.toFile().deleteOnExit();
      return home;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  int run(String... args) {
    return Pagorecon.execute(context, args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
