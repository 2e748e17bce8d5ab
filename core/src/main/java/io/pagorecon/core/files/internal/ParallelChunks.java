package io.pagorecon.core.files.internal;

import io.pagorecon.core.files.InputFileException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Parses the chunks of a {@link ChunkReader} on an executor while the caller keeps reading, with at
 * most a few chunks in flight (bounded memory), and concatenates the results in file order. The
 * first error in file order wins, so a bad file always gives the same message.
 */
public final class ParallelChunks {

  /** Parses one chunk into {@code out}. */
  @FunctionalInterface
  public interface ChunkParser<T> {
    void parse(ChunkReader.Chunk chunk, List<T> out) throws InputFileException;
  }

  private ParallelChunks() {}

  public static <T> List<T> parse(ChunkReader reader, Executor executor, int inFlight, ChunkParser<T> parser) throws IOException, InputFileException {
    ArrayDeque<CompletableFuture<List<T>>> pending = new ArrayDeque<>();
    List<T> all = new ArrayList<>();
    ChunkReader.Chunk chunk;
    while ((chunk = reader.next()) != null) {
      ChunkReader.Chunk c = chunk;
      pending.add(
          CompletableFuture.supplyAsync(
              () -> {
                List<T> out = new ArrayList<>(c.length() / 64 + 16);
                try {
                  parser.parse(c, out);
                } catch (InputFileException e) {
                  throw new CompletionException(e);
                }
                return out;
              },
              executor));
      if (pending.size() >= inFlight) {
        all.addAll(join(pending.poll()));
      }
    }
    while (!pending.isEmpty()) {
      all.addAll(join(pending.poll()));
    }
    return all;
  }

  private static <T> List<T> join(CompletableFuture<List<T>> future) throws InputFileException {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof InputFileException bad) {
        throw new InputFileException(bad.file(), bad.line(), bad.field(), bad.problem());
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}
