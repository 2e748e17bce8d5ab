package io.pagorecon.devstack.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A function's shaded jar run as Lambda runs it: a child JVM whose main is the runtime interface
 * client, the jar in {@code <task root>/lib}, the handler named by its string. The runtime's own
 * jars come from the calling test's classpath (the module's test-scope runtime interface client).
 */
public final class LambdaRuntimeProcess implements AutoCloseable {

  private static final List<String> RUNTIME_JARS =
      List.of("aws-lambda-java-runtime-interface-client", "aws-lambda-java-core", "aws-lambda-java-serialization", "utils-lite");

  private final Process process;
  private final Path log;

  private LambdaRuntimeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** What Lambda is told to run: the handler string, the shaded jar, the memory setting. */
  public record Function(String name, String handler, Path shadedJar, int memoryMb) {}

  /**
   * @param functionEnv the variables the template gives the function, plus client settings
   * @param runtimeApi {@code host:port} of the Runtime API
   */
  public static LambdaRuntimeProcess start(Function function, Path taskRoot, Map<String, String> functionEnv, String runtimeApi, Path log)
      throws IOException {
    if (!Files.isRegularFile(function.shadedJar())) {
      throw new IllegalStateException(function.shadedJar().toAbsolutePath() + " is missing: run the package phase first");
    }
    Files.createDirectories(taskRoot.resolve("lib"));
    Files.copy(function.shadedJar(), taskRoot.resolve("lib").resolve(function.shadedJar().getFileName()), StandardCopyOption.REPLACE_EXISTING);

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(runtimeClasspath());
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(function.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("JAVA_TOOL_OPTIONS"));
    env.putAll(functionEnv);
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("_HANDLER", function.handler());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    return new LambdaRuntimeProcess(builder.start(), log);
  }

  /** The runtime's own jars from this JVM's classpath; the function's classes come only from the shaded jar. */
  private static String runtimeClasspath() {
    List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> RUNTIME_JARS.stream().anyMatch(name -> Path.of(e).getFileName().toString().startsWith(name + "-")))
        .collect(Collectors.toList());
    if (entries.size() < RUNTIME_JARS.size()) {
      throw new IllegalStateException("runtime jars missing from the test classpath: found " + entries);
    }
    return String.join(File.pathSeparator, entries);
  }

  public Process process() {
    return process;
  }

  /**
   * The runtime's answer to one invocation, waited for at most three minutes; fails at once, with
   * the child's log, when the function failed to initialise, its process exited or the handler threw.
   */
  public String await(CompletableFuture<String> response, RuntimeApiStandIn api) throws Exception {
    Object first = CompletableFuture.anyOf(response, api.initError().thenApply(e -> "INIT_ERROR:" + e),
        process.onExit().thenApply(p -> "EXITED:" + p.exitValue())).get(180, TimeUnit.SECONDS);
    String text = String.valueOf(first);
    if (text.startsWith("INIT_ERROR:") || text.startsWith("EXITED:") || text.startsWith("ERROR:") || text.contains("errorType")) {
      throw new AssertionError(text + "\n--- runtime log ---\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }
    return text;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
