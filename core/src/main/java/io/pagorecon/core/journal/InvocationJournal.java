package io.pagorecon.core.journal;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.time.BusinessCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls of one invocation, kept in memory and written as one object when the invocation ends
 * (one PutObject per invocation, not per call: cost). Thread-safe (searches run in parallel).
 * Filed under the Lima business date of the invocation's first call.
 */
public final class InvocationJournal implements ApiCallJournal {

  /** Bounds memory when a store stays unreachable: the oldest calls beyond this are dropped and counted. */
  static final int MAX_BUFFERED = 20_000;

  private final JournalStore store;
  private final Stage stage;
  private final BusinessCalendar calendar;
  private final List<ApiCall> calls = new ArrayList<>();
  private long dropped;

  public InvocationJournal(JournalStore store, Stage stage, BusinessCalendar calendar) {
    this.store = Objects.requireNonNull(store, "store");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  @Override
  public synchronized void record(ApiCall call) {
    if (calls.size() >= MAX_BUFFERED) {
      calls.remove(0);
      dropped++;
    }
    calls.add(call);
  }

  /** The stage whose calls this journal keeps (the handler's stage, for its metrics). */
  public Stage stage() {
    return stage;
  }

  public synchronized int pending() {
    return calls.size();
  }

  /** Calls lost because the buffer was full (a store unreachable for many invocations). */
  public synchronized long dropped() {
    return dropped;
  }

  /**
   * Writes the calls recorded since the last flush as one object; nothing when there were none.
   * When the store fails the calls stay buffered for the next flush and the failure is thrown.
   *
   * @return the key written
   * @throws StorageException when the store cannot be reached
   */
  public Optional<String> flush(String invocationId) {
    List<ApiCall> batch;
    synchronized (this) {
      if (calls.isEmpty()) {
        return Optional.empty();
      }
      batch = List.copyOf(calls);
    }
    ApiCall first = batch.get(0);
    String key = JournalKeys.key(stage, calendar.businessDate(first.at()), first.at(), invocationId);
    store.put(key, JournalLines.write(invocationId, stage.wireName(), batch));
    synchronized (this) {
      calls.subList(0, Math.min(batch.size(), calls.size())).clear();
    }
    return Optional.of(key);
  }

  /**
   * {@link #flush} for a handler's end of invocation: a store failure is returned (to be logged),
   * never thrown, and the calls stay buffered for the next invocation's flush.
   */
  public Optional<StorageException> flushQuietly(String invocationId) {
    try {
      flush(invocationId);
      return Optional.empty();
    } catch (StorageException e) {
      return Optional.of(e);
    }
  }

  /** A journal that keeps nothing: for handler tests and tools that need none. */
  public static InvocationJournal discarding() {
    return new InvocationJournal((key, lines) -> { }, Stage.SANDBOX, BusinessCalendar.lima());
  }
}
