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
    context = new CliContext(Clock.fixed(Instant.parse("2024-01-16T20:00:00Z"), ZoneOffset.UTC), new PrintWriter(out, true),
        new PrintWriter(err, true), env);
  }

  Cli() {
    this(Map.of());
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
