package io.pagorecon.core.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A day's statement built in slices, for days whose PagoEfectivo searches take longer than one
 * function invocation may run (docs/performance.md §10). The planner lists the day's CIPs once,
 * cuts them into contiguous ranges in statement order and queues one task per slice; each slice
 * looks its CIPs up at its share of the allowed rate and writes its part; the slice that finds every
 * part written claims the assembly (a conditional write: exactly one does) and publishes the
 * statement through {@link StatementBuilder#publish} as of the planner's instant, so the CSV and
 * the manifest are byte for byte those of a single build at that instant. Until every slice is
 * complete nothing is published; a failed slice writes nothing and is retried alone.
 *
 * <p>A day of at most {@link Settings#sliceCips()} CIPs is built at once by the planner, as before.
 */
public final class SlicedStatement {

  /**
   * @param sliceCips most CIPs one slice looks up (sized so a slice ends well inside the function's
   *     time limit at its rate share)
   * @param concurrency slices the queue runs at once (the event source mapping's maximum
   *     concurrency); the slice count is rounded up to a multiple of it so every wave is full
   */
  public record Settings(int sliceCips, int concurrency) {
    public Settings {
      if (sliceCips < 1 || concurrency < 1) {
        throw new IllegalArgumentException("sliceCips and concurrency must be at least 1: " + sliceCips + ", " + concurrency);
      }
    }
  }

  /** What the planner did. */
  public sealed interface Planned {
    /** The day fitted in one slice: built at once. */
    record Built(StatementResult result) implements Planned {}

    /** The day was cut into slices, all queued. */
    record Queued(SlicePlan plan) implements Planned {}
  }

  /** What one slice task did. */
  public sealed interface SliceOutcome {
    /** This slice's part is written; {@code written} of {@code slices} parts exist. */
    record Waiting(int written, int slices) implements SliceOutcome {}

    /** This slice was the last to complete and published the statement. */
    record Published(StatementResult.Published result) implements SliceOutcome {}

    /** Another slice assembles the statement, or already has. */
    record AssembledElsewhere() implements SliceOutcome {}
  }

  /** Parts the assembler reads at once. */
  static final int PART_READERS = 4;

  private final StatementBuilder builder;
  private final SliceStore store;
  private final SliceQueue queue;
  private final Settings settings;

  public SlicedStatement(StatementBuilder builder, SliceStore store, SliceQueue queue, Settings settings) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.store = Objects.requireNonNull(store, "store");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public StatementBuilder builder() {
    return builder;
  }

  /** Builds {@code businessDate} at once, or plans its slices and queues them. */
  public Planned plan(LocalDate businessDate, Instant now) {
    List<String> cips = builder.cipsOf(businessDate);
    if (cips.size() <= settings.sliceCips()) {
      return new Planned.Built(builder.build(businessDate, now, cips));
    }
    int slices = slicesFor(cips.size(), settings);
    List<List<String>> ranges = cut(cips, slices);
    SlicePlan plan = new SlicePlan(businessDate, SlicePlan.runIdAt(now), now, slices, cips.size());
    store.writePlan(plan, ranges);
    queue.enqueue(businessDate, plan.runId(), IntStream.range(0, slices).boxed().toList());
    return new Planned.Queued(plan);
  }

  /**
   * Runs slice {@code slice} of a run: looks its CIPs up unless its part is already written, then
   * assembles and publishes the statement if every part is written and this slice wins the claim.
   * {@code lastAttempt}: the queue will not retry this task again, so a failure alerts operators.
   *
   * @throws SliceFailedException when a CIP could not be looked up (nothing written)
   * @throws io.pagorecon.core.payment.StorageException when a store call fails (the queue retries)
   */
  public SliceOutcome runSlice(LocalDate businessDate, String runId, int slice, boolean lastAttempt) {
    SlicePlan plan = store.plan(businessDate, runId);
    if (slice < 0 || slice >= plan.slices()) {
      throw new IllegalArgumentException("slice " + slice + " is not in run " + runId + " of " + plan.slices() + " slices");
    }
    SlicePart mine = null;
    if (store.part(businessDate, runId, slice).isEmpty()) {
      List<String> cips = store.sliceCips(businessDate, runId, slice);
      StatementBuilder.Lookup lookup = builder.lookUp(cips);
      if (!lookup.complete()) {
        String reason = lookup.refused().map(e -> "PagoEfectivo refused the search (" + e.kind() + ")")
            .orElse(lookup.failed().size() + " of " + cips.size() + " CIPs could not be looked up");
        String where = "slice " + (slice + 1) + " of " + plan.slices() + " (run " + runId + "): " + reason;
        if (lastAttempt) {
          builder.fail(businessDate, where, lookup.failed());
        }
        throw new SliceFailedException(where, lookup.failed());
      }
      mine = new SlicePart(lookup.rows(), lookup.notFound());
      store.writePart(businessDate, runId, slice, mine.toBytes());
    }
    int written = store.partsWritten(businessDate, runId);
    if (written < plan.slices()) {
      return new SliceOutcome.Waiting(written, plan.slices());
    }
    if (store.claimAssembly(businessDate, runId, slice) != SliceStore.Claim.MINE) {
      return new SliceOutcome.AssembledElsewhere();
    }
    List<StatementRow> rows = new ArrayList<>(plan.queried());
    List<String> notFound = new ArrayList<>();
    for (SlicePart part : readParts(businessDate, runId, plan.slices(), slice, mine)) {
      rows.addAll(part.rows());
      notFound.addAll(part.notFound());
    }
    StatementResult result = builder.publish(businessDate, plan.generatedAt(), rows, plan.queried(), notFound);
    store.markPublished(businessDate, runId);
    return new SliceOutcome.Published((StatementResult.Published) result);
  }

  /**
   * Every part of the run in slice order: the assembler's own part as it just wrote it (when it
   * did), the others read and decoded {@link #PART_READERS} at a time, so that one part's transfer
   * overlaps another's decoding (the assembly is the one step after the last search: its time is
   * the sliced build's tail, docs/performance.md §10).
   */
  private List<SlicePart> readParts(LocalDate businessDate, String runId, int slices, int own, SlicePart mine) {
    ExecutorService readers = Executors.newFixedThreadPool(Math.min(PART_READERS, slices), r -> {
      Thread t = new Thread(r, "statement-part-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SlicePart>> parts = new ArrayList<>(slices);
      for (int i = 0; i < slices; i++) {
        int index = i;
        parts.add(i == own && mine != null ? CompletableFuture.completedFuture(mine) : readers.submit(() -> SlicePart.fromBytes(
            store.part(businessDate, runId, index)
                .orElseThrow(() -> new IllegalStateException("part " + index + " of run " + runId + " vanished after it was counted")))));
      }
      List<SlicePart> out = new ArrayList<>(slices);
      for (Future<SlicePart> part : parts) {
        out.add(part.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("reading the parts of run " + runId + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the parts of run " + runId, e);
    } finally {
      readers.shutdownNow();
    }
  }

  /** Slices for {@code cips} CIPs: enough for {@code sliceCips} each, rounded up to whole waves. */
  static int slicesFor(int cips, Settings settings) {
    int needed = (int) ((cips + (long) settings.sliceCips() - 1) / settings.sliceCips());
    int waves = (needed + settings.concurrency() - 1) / settings.concurrency();
    return Math.max(1, Math.min(cips, waves * settings.concurrency()));
  }

  /** {@code slices} contiguous ranges whose sizes differ by at most one. */
  static List<List<String>> cut(List<String> cips, int slices) {
    List<List<String>> out = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      int from = (int) ((long) cips.size() * i / slices);
      int to = (int) ((long) cips.size() * (i + 1) / slices);
      out.add(List.copyOf(cips.subList(from, to)));
    }
    return out;
  }
}
