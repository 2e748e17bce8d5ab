package io.pagorecon.cli.ledger;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.Pagorecon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the real command tree with captured writers, a fixed clock and a given environment. */
record Cli(int exit, String out, String err) {

  static final Instant NOW = Instant.parse("2024-01-16T15:00:00Z");

  static Cli run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true), env);
    int exit = Pagorecon.commandLine(context).execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
