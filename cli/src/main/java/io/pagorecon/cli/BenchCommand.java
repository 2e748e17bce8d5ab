package io.pagorecon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code pagorecon bench ...}: runs the bench module's jar ({@code bench/target/pagorecon-bench.jar})
 * in its own JVM with the arguments as given, so DuckDB and JMH never grow this jar. The jar is
 * found through {@code -Dpagorecon.bench.jar}, else next to the repository's template (the
 * launcher passes {@code -Dpagorecon.template}); {@code ./pagorecon bench} builds it when needed.
 */
@Command(name = "bench", description = {
    "Benchmarks with their baseline in the same run (docs/performance.md): reconcile, coldstart, webhook, statement.",
    "Runs bench/target/pagorecon-bench.jar; `pagorecon bench --help` lists its commands."})
public final class BenchCommand implements Callable<Integer> {

  static final String JAR = "bench/target/pagorecon-bench.jar";

  private final CliContext context;

  @Unmatched List<String> args = new ArrayList<>();

  public BenchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<Path> jar = locate();
    if (jar.isEmpty()) {
      context.err().println("pagorecon bench: " + JAR + " not found; build it with `mvn -B -q -pl bench -am package -DskipTests`"
          + " (./pagorecon bench does this itself)");
      return ExitCodes.INFRASTRUCTURE;
    }
    try {
      Process p = new ProcessBuilder(command(jar.get())).inheritIO().start();
      return p.waitFor();
    } catch (IOException e) {
      context.err().println("pagorecon bench: cannot start java: " + e);
      return ExitCodes.INFRASTRUCTURE;
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
