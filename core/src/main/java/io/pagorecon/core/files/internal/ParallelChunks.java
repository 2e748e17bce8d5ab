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
 * most a few chunks in flight (bounded memory), and hands the parsed blocks to a sink in file
 * order. The first error in file order wins, so a bad file always gives the same message.
 */
public final class ParallelChunks {

  /** Parses one chunk into {@code out}. */
  @FunctionalInterface
  public interface ChunkParser<T> {
    void parse(ChunkReader.Chunk chunk, List<T> out) throws InputFileException;
  }

  /** Parses one chunk into a block of its own (for example columns). */
  @FunctionalInterface
  public interface BlockParser<B> {
    B parse(ChunkReader.Chunk chunk) throws InputFileException;
  }

  /** Receives the blocks in file order, on the caller's thread. */
  @FunctionalInterface
  public interface Sink<B> {
    void accept(B block);
  }

  private ParallelChunks() {}

  public static <T> List<T> parse(ChunkReader reader, Executor executor, int inFlight, ChunkParser<T> parser) throws IOException, InputFileException {
    List<T> all = new ArrayList<>();
    parseBlocks(reader, executor, inFlight, c -> {
      List<T> out = new ArrayList<>(c.length() / 64 + 16);
      parser.parse(c, out);
      return out;
    }, all::addAll);
    return all;
  }

  public static <B> void parseBlocks(ChunkReader reader, Executor executor, int inFlight, BlockParser<B> parser, Sink<B> sink) throws IOException, InputFileException {
    ArrayDeque<CompletableFuture<B>> pending = new ArrayDeque<>();
    ChunkReader.Chunk chunk;
    while ((chunk = reader.next()) != null) {
      ChunkReader.Chunk c = chunk;
      pending.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return parser.parse(c);
                } catch (InputFileException e) {
                  throw new CompletionException(e);
                }
              },
              executor));
      if (pending.size() >= inFlight) {
        sink.accept(join(pending.poll()));
      }
    }
    while (!pending.isEmpty()) {
      sink.accept(join(pending.poll()));
    }
  }

  private static <B> B join(CompletableFuture<B> future) throws InputFileException {
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
