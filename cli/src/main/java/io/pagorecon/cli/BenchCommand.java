package io.pagorecon.cli;

import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.Inputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code pagorecon bench ...}: runs the bench module's jar ({@code bench/target/pagorecon-bench.jar})
 * in its own JVM with the arguments as given, so DuckDB and JMH never grow this jar. The jar is
 * found through {@code -Dpagorecon.bench.jar}, else next to the repository's template (the
 * launcher passes {@code -Dpagorecon.template}); {@code ./pagorecon bench} builds it when needed.
 */
@Command(
    name = "bench",
    header = "Benchmarks with their baseline in the same run.",
    description = {
      "Runs bench/target/pagorecon-bench.jar (built on first use by ./pagorecon) in its own JVM with the arguments as given: reconcile, "
          + "coldstart, webhook, statement, settle, daily, each with its baseline in the same run; figures and commands in docs/performance.md. "
          + "./pagorecon bench --help also lists the jar's own commands and options."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon bench reconcile --orders 100000",
      "  ./pagorecon bench --help",
      "",
      "Environment: none of its own; the bench jar's commands document theirs.",
      "",
      "Exit status:",
      "  0  done",
      "  1  pagorecon and the baseline disagree",
      "  2  bad input or usage",
      "  3  the bench jar is missing or could not start"
    })
public final class BenchCommand implements Callable<Integer> {

  static final String JAR = "bench/target/pagorecon-bench.jar";

  private final CliContext context;

  @Unmatched List<String> args = new ArrayList<>();

  public BenchCommand(CliContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    boolean help = args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h");
    if (help) {
      // this command's own help (exit statuses included), then the jar's commands when it is there
      spec.commandLine().usage(args.isEmpty() ? context.err() : context.out());
    }
    Optional<Path> jar = locate();
    if (jar.isEmpty()) {
      if (help) {
        return args.isEmpty() ? ExitCodes.BAD_INPUT : ExitCodes.CLEAN;
      }
      throw CliError.infrastructure(JAR, "not found", "build it with mvn -B -q -pl bench -am package -DskipTests (./pagorecon bench does this itself)", null);
    }
    try {
      Process p = new ProcessBuilder(command(jar.get())).inheritIO().start();
      return p.waitFor();
    } catch (IOException e) {
      throw CliError.infrastructure("java", "cannot start: " + Inputs.reason(e), "check the JDK (java.home)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INFRASTRUCTURE;
    }
  }

  List<String> command(Path jar) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Optional.ofNullable(System.getProperty("pagorecon.template")).ifPresent(t -> c.add("-Dpagorecon.template=" + t));
    c.add("-jar");
    c.add(jar.toString());
    c.addAll(args);
    return c;
  }

  Optional<Path> locate() {
    String explicit = System.getProperty("pagorecon.bench.jar");
    if (explicit != null) {
      return Optional.of(Path.of(explicit)).filter(Files::isRegularFile);
    }
    String template = System.getProperty("pagorecon.template");
    Path root = template == null ? Path.of("") : Optional.ofNullable(Path.of(template).toAbsolutePath().getParent()).orElse(Path.of(""));
    return Optional.of(root.resolve(JAR)).filter(Files::isRegularFile);
  }
}
