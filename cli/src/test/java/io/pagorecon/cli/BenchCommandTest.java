package io.pagorecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  private final StringWriter err = new StringWriter();
  private final CliContext context = new CliContext(Clock.systemUTC(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), Map.of());

  @Test
  void bench_shouldPassEveryArgumentToTheBenchJar() {
    CommandLine cl = Pagorecon.commandLine(context);
    CommandLine.ParseResult parsed = cl.parseArgs("bench", "reconcile", "--orders", "1000", "--runs", "3");
    BenchCommand bench = (BenchCommand) parsed.subcommand().commandSpec().userObject();

    List<String> command = bench.command(Path.of("/x/pagorecon-bench.jar"));

    assertEquals(List.of("-jar", "/x/pagorecon-bench.jar", "reconcile", "--orders", "1000", "--runs", "3"),
        command.subList(command.size() - 7, command.size()));
  }

  @Test
  void bench_shouldExit3WithTheBuildCommand_whenTheJarIsMissing() {
    String before = System.getProperty("pagorecon.bench.jar");
    System.setProperty("pagorecon.bench.jar", "/nonexistent/pagorecon-bench.jar");
    try {
      int exit = Pagorecon.commandLine(context).execute("bench", "reconcile", "--orders", "10");
      assertEquals(ExitCodes.INFRASTRUCTURE, exit);
      assertTrue(err.toString().contains("mvn -B -q -pl bench -am package"), err.toString());
    } finally {
      if (before == null) {
        System.clearProperty("pagorecon.bench.jar");
      } else {
        System.setProperty("pagorecon.bench.jar", before);
      }
    }
  }
}
