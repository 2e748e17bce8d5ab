package io.pagorecon.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The moto server (the one AWS emulator of this project) as a child process on a free loopback
 * port, or an already running one named by {@code PAGORECON_MOTO_ENDPOINT}.
 *
 * <p>{@link #close()} stops a server this instance started (never a reused one); a JVM shutdown
 * hook is the backstop, so no moto outlives the build.
 */
public final class MotoServer implements AutoCloseable {

  /** Set to reuse a running moto (e.g. {@code http://127.0.0.1:5000}) instead of starting one. */
  public static final String ENDPOINT_VARIABLE = "PAGORECON_MOTO_ENDPOINT";
  /** Optional: the Python interpreter to run moto with (default {@code python3}). */
  public static final String PYTHON_VARIABLE = "PAGORECON_PYTHON";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final URI endpoint;
  private final Process process; // null when reusing a server started elsewhere
  private final Path logFile;
  private final Thread shutdownHook;

  private MotoServer(URI endpoint, Process process, Path logFile) {
    this.endpoint = endpoint;
    this.process = process;
    this.logFile = logFile;
    if (process != null) {
      this.shutdownHook = new Thread(this::stopProcess, "moto-server-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      this.shutdownHook = null;
    }
  }

  /** Reuses {@code PAGORECON_MOTO_ENDPOINT} when set, else starts moto with its log in a temp dir. */
  public static MotoServer start() {
    return start(System.getenv(), defaultLogDir());
  }

  /** As {@link #start()}, with the environment and log directory given (tests, the CLI demo). */
  public static MotoServer start(Map<String, String> env, Path logDir) {
    String reuse = env.get(ENDPOINT_VARIABLE);
    if (reuse != null && !reuse.isBlank()) {
      URI uri = URI.create(reuse.strip().replaceAll("/+$", ""));
      if (!answers(uri)) {
        throw new IllegalStateException(
            ENDPOINT_VARIABLE + "=" + reuse + " is set but no moto server answers GET " + uri + "/moto-api/");
      }
      return new MotoServer(uri, null, null);
    }
    String python = env.getOrDefault(PYTHON_VARIABLE, "python3");
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(python, logDir);
      } catch (PortTakenException e) {
        last = e; // another process grabbed the free port between probe and bind: try another
      }
    }
    throw last;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}: what {@code AWS_ENDPOINT_URL} should be. */
  public URI endpoint() {
    return endpoint;
  }

  /** Where the child's stdout/stderr go, or null when reusing an external server. */
  public Path logFile() {
    return logFile;
  }

  /** Drops every resource in every account and region. */
  public void reset() {
    try {
      HttpURLConnection c = open("/moto-api/reset");
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      int status = c.getResponseCode();
      c.disconnect();
      if (status != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + status + " at " + endpoint);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto reset failed at " + endpoint, e);
    }
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run: nothing left to do
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static MotoServer launch(String python, Path logDir) {
    int port = freePort();
    Path log;
    Process process;
    try {
      Files.createDirectories(logDir);
      log = logDir.resolve("moto-" + port + ".log");
      process =
          new ProcessBuilder(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run '" + python + "': install Python 3 with moto 5.2.1 (pip install 'moto[server]==5.2.1')"
              + " or set " + ENDPOINT_VARIABLE + " to a running moto server",
          e);
    }
    URI uri = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(uri, process, log);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (answers(uri)) {
          return server;
        }
        // waitFor doubles as the poll interval and notices an early exit
        if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
          String output = tail(log);
          if (output.contains("Address already in use")) {
            throw new PortTakenException(port);
          }
          throw new IllegalStateException(
              "moto server exited with status " + process.exitValue() + " before answering."
                  + (output.contains("No module named") ? " Is moto installed? pip install 'moto[server]==5.2.1'." : "")
                  + " Log " + log + ":\n" + output);
        }
      }
    } catch (InterruptedException e) {
      server.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto", e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    server.close();
    throw new IllegalStateException("moto did not answer within " + STARTUP_TIMEOUT + "; log " + log + ":\n" + tail(log));
  }

  private static boolean answers(URI base) {
    try {
      HttpURLConnection c = (HttpURLConnection) base.resolve("/moto-api/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int status = c.getResponseCode();
      c.disconnect();
      return status == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private HttpURLConnection open(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(30_000);
    return c;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static Path defaultLogDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "pagorecon-moto");
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint + (process == null ? ", reused" : ", pid " + process.pid()) + "]";
  }

  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(int port) {
      super("port " + port + " was taken before moto could bind it");
    }
  }
}
