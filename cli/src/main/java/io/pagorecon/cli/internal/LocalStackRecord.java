package io.pagorecon.cli.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack of a running {@code ./pagorecon serve} is: written by serve once it
 * listens, removed when it stops, read by every command given {@code --local}. One file per user,
 * {@code $HOME/.pagorecon/local-stack.json}; it holds names and URLs only (the secret's ARN, never
 * its value).
 */
public final class LocalStackRecord {

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * What serve records.
   *
   * @param pid serve's process id: a record whose process is gone is stale
   * @param startedAt when serve started (ISO-8601), to tell two serves apart
   * @param api serve's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param moto the emulator's endpoint
   * @param region the emulator's region
   * @param stage the stack's Stage
   * @param simulator the PagoEfectivo simulator's API base URL
   * @param resources resource logical id → what {@code !Ref} gives
   * @param functions function logical id → the environment serve gives it
   */
  public record Contents(long pid, String startedAt, String api, String moto, String region, String stage, String simulator,
      Map<String, String> resources, Map<String, Map<String, String>> functions) {

    /** The stack this record describes, with the moto endpoint as every client's endpoint. */
    public ResolvedStack resolved(Path file) {
      return new ResolvedStack(
          "the local stack of ./pagorecon serve (" + file + ": pid " + pid + ", moto " + moto + ", stage " + stage + ")",
          Map.of("AWS_REGION", region, "AWS_ENDPOINT_URL", moto, "S3_FORCE_PATH_STYLE", "true"),
          resources,
          functions,
          Optional.of(URI.create(api + "/webhooks/pagoefectivo")));
    }
  }

  private LocalStackRecord() {}

  /** {@code $HOME/.pagorecon/local-stack.json}, HOME taken from {@code env} (tests give their own). */
  public static Path path(Map<String, String> env) {
    String home = env.get("HOME");
    return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".pagorecon", "local-stack.json");
  }

  /** The record, or empty when there is none. */
  public static Optional<Contents> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Contents.class));
    } catch (IOException e) {
      throw CliError.badInput("--local", file + " is not a record ./pagorecon serve wrote",
          "delete it and start ./pagorecon serve again", e);
    }
  }

  /** Whether the process that wrote the record still runs. */
  public static boolean alive(Contents c) {
    return ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Writes the record (atomically, readable by its owner only) and returns what removes it: closing
   * the handle, or the JVM shutting down (Ctrl-C), whichever comes first. A record another serve
   * wrote meanwhile is left alone.
   */
  public static AutoCloseable publish(Path file, Contents contents) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir == null) {
        throw new IllegalArgumentException(file + " has no parent folder");
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".local-stack", ".tmp");
      try {
        trySetOwnerOnly(tmp);
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), contents);
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    Runnable remove = () -> {
      try {
        Optional<Contents> now = read(file);
        if (now.isPresent() && now.get().pid() == contents.pid() && now.get().startedAt().equals(contents.startedAt())) {
          Files.deleteIfExists(file);
        }
      } catch (IOException | RuntimeException e) {
        // best effort: a stale record is recognised by its dead pid
      }
    };
    Thread hook = new Thread(remove, "pagorecon-local-stack-record");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      remove.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway
      }
    };
  }

  private static void trySetOwnerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: the home directory's own permissions apply
    }
  }
}
