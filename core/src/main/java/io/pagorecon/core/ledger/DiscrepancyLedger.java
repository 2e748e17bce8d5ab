package io.pagorecon.core.ledger;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ledger use cases: apply a run's findings, and the people's acknowledge/resolve.
 *
 * <p>Applying a run for business date D (docs/ledger.md):
 *
 * <ul>
 *   <li>a finding with no entry opens one (OPEN; a critical one owes an alert);
 *   <li>a finding of an OPEN/ACKNOWLEDGED entry refreshes it (lastSeenDate = max(lastSeenDate, D),
 *       latest detail) and writes nothing when nothing changed, so a re-run is free;
 *   <li>a finding of a RESOLVED/AUTO_RESOLVED entry reopens it (history says so; a critical one owes
 *       an alert again);
 *   <li>an OPEN/ACKNOWLEDGED entry last seen on D that this run of D did not find is AUTO_RESOLVED.
 *       Only those: the run judged exactly the items of D, so an entry last seen on another date is
 *       outside its scope and is left alone, however old.
 * </ul>
 *
 * Writes are conditional on the version; a lost race re-reads and re-applies.
 */
public final class DiscrepancyLedger {

  public static final String RUN_ACTOR = "reconcile";
  private static final int ATTEMPTS = 5;

  private final Ledger ledger;
  private final Executor writers;
  private final int parallelism;

  /** Writes one entry at a time, on the caller's thread. */
  public DiscrepancyLedger(Ledger ledger) {
    this(ledger, Runnable::run, 1);
  }

  /**
   * Writes up to {@code parallelism} entries at a time on {@code writers}: a day with many findings
   * is bound by write latency, not by the table. The outcome does not depend on the interleaving:
   * each entry is written by one task, and the result lists are sorted by id.
   */
  public DiscrepancyLedger(Ledger ledger, Executor writers, int parallelism) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.writers = Objects.requireNonNull(writers, "writers");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
  }

  public LedgerUpdate apply(LocalDate runDate, List<Discrepancy> findings, Instant now) {
    Map<String, Discrepancy> byId = new LinkedHashMap<>();
    for (Discrepancy d : findings) {
      byId.putIfAbsent(d.id(), d);
    }
    Map<String, LedgerEntry> existing = ledger.findAll(byId.keySet());
    List<LedgerEntry> opened = Collections.synchronizedList(new ArrayList<>());
    List<LedgerEntry> reopened = Collections.synchronizedList(new ArrayList<>());
    List<LedgerEntry> pending = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refreshed = new AtomicInteger();
    AtomicInteger unchanged = new AtomicInteger();
    inParallel(new ArrayList<>(byId.values()), d -> {
      Optional<LedgerEntry> before = Optional.ofNullable(existing.get(d.id()));
      if (before.isPresent() && before.get().status().isActive() && !before.get().differsFrom(d, runDate)) {
        unchanged.incrementAndGet();
        if (before.get().alertPending()) {
          pending.add(before.get());
        }
        return;
      }
      LedgerEntry after = mutate(d.id(), before, current -> Optional.of(found(current, d, runDate, now)));
      if (before.isEmpty()) {
        opened.add(after);
      } else if (!before.get().status().isActive() && after.history().size() > before.get().history().size()) {
        reopened.add(after);
      } else {
        refreshed.incrementAndGet();
      }
      if (after.alertPending()) {
        pending.add(after);
      }
    });
    List<LedgerEntry> candidates = new ArrayList<>();
    for (LedgerStatus status : List.of(LedgerStatus.OPEN, LedgerStatus.ACKNOWLEDGED)) {
      for (LedgerEntry e : ledger.byStatus(status, Optional.of(runDate), Optional.of(runDate), Integer.MAX_VALUE)) {
        if (!byId.containsKey(e.id())) {
          candidates.add(e);
        }
      }
    }
    List<LedgerEntry> autoResolved = Collections.synchronizedList(new ArrayList<>());
    inParallel(candidates, e -> {
      LedgerEntry after = mutate(e.id(), Optional.of(e), current -> autoResolve(current, runDate, now));
      if (after.status() == LedgerStatus.AUTO_RESOLVED) {
        autoResolved.add(after);
      }
    });
    return new LedgerUpdate(sorted(opened), sorted(reopened), refreshed.get(), unchanged.get(), sorted(autoResolved), sorted(pending));
  }

  /**
   * Opens the entry of a discrepancy found live (a notification, the sync job, a cancel) on the
   * payment's business date, before any daily run, so the run of that date finds the same entry
   * (same id) and neither opens nor alerts it again. Present when the entry owes its alert: just
   * opened, or opened by a delivery that failed before alerting ({@code alertPending} stays set
   * until {@link #alerted}); empty when it exists and its alert went out (or a run found it first).
   */
  public Optional<LedgerEntry> openLive(Discrepancy d, LocalDate date, String actor, Instant now) {
    Optional<LedgerEntry> current = ledger.find(d.id());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (current.isPresent()) {
        return current.filter(LedgerEntry::alertPending);
      }
      LedgerEntry opened = LedgerEntry.open(d, date,
          new LedgerChange(now, actor, "opened", Optional.empty(), LedgerStatus.OPEN, "found live by " + actor), true);
      current = ledger.save(opened);
      if (current.isEmpty()) {
        return Optional.of(opened);
      }
    }
    throw new StorageException("ledger entry " + d.id() + ": still contended after " + ATTEMPTS + " attempts", null);
  }

  /** Clears {@code alertPending} once the alert is published. */
  public void alerted(Collection<LedgerEntry> entries) {
    inParallel(new ArrayList<>(entries),
        e -> mutate(e.id(), Optional.of(e), current -> current.filter(LedgerEntry::alertPending).map(c -> c.withAlertPending(false))));
  }

  private static List<LedgerEntry> sorted(List<LedgerEntry> entries) {
    List<LedgerEntry> out = new ArrayList<>(entries);
    out.sort(Comparator.comparing(LedgerEntry::id));
    return out;
  }

  /** Runs {@code work} over {@code items} in {@code parallelism} slices; the first failure is rethrown. */
  private <T> void inParallel(List<T> items, Consumer<T> work) {
    int slices = Math.min(parallelism, items.size());
    if (slices <= 1) {
      items.forEach(work);
      return;
    }
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      int slice = s;
      tasks.add(CompletableFuture.runAsync(() -> {
        for (int i = slice; i < items.size(); i += slices) {
          work.accept(items.get(i));
        }
      }, writers));
    }
    try {
      CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  public ManualChange acknowledge(String id, String actor, Optional<String> owner, String note, Instant now) {
    return manual(id, LedgerStatus.ACKNOWLEDGED, "acknowledged", actor, owner, note, now);
  }

  public ManualChange resolve(String id, String actor, String note, Instant now) {
    return manual(id, LedgerStatus.RESOLVED, "resolved", actor, Optional.empty(), note, now);
  }

  private ManualChange manual(String id, LedgerStatus to, String action, String actor, Optional<String> owner, String note, Instant now) {
    Optional<LedgerEntry> current = ledger.find(id);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (current.isEmpty()) {
        return new ManualChange(ManualChange.Outcome.NOT_FOUND, Optional.empty());
      }
      LedgerEntry c = current.get();
      if (!LedgerTransitions.allowed(c.status(), to) || !c.status().isActive()) {
        return new ManualChange(ManualChange.Outcome.NOT_ALLOWED, current);
      }
      Optional<String> newOwner = owner.isPresent() ? owner : c.owner();
      LedgerEntry next = c.moved(new LedgerChange(now, actor, action, Optional.of(c.status()), to, note), newOwner, c.alertPending());
      Optional<LedgerEntry> conflict = ledger.save(next);
      if (conflict.isEmpty()) {
        return new ManualChange(ManualChange.Outcome.UPDATED, Optional.of(next));
      }
      current = conflict;
    }
    throw new StorageException("ledger entry " + id + ": still contended after " + ATTEMPTS + " attempts", null);
  }

  private static LedgerEntry found(Optional<LedgerEntry> current, Discrepancy d, LocalDate runDate, Instant now) {
    boolean critical = d.severity() == Severity.CRITICAL;
    if (current.isEmpty()) {
      LedgerChange opened = new LedgerChange(now, RUN_ACTOR, "opened", Optional.empty(), LedgerStatus.OPEN, "found by the run of " + runDate);
      return LedgerEntry.open(d, runDate, opened, critical);
    }
    LedgerEntry c = current.get();
    if (c.status().isActive()) {
      return c.refreshedBy(d, runDate).nextVersion();
    }
    LedgerChange reopened = new LedgerChange(now, RUN_ACTOR, "reopened", Optional.of(c.status()), LedgerStatus.OPEN,
        "found again by the run of " + runDate);
    return c.refreshedBy(d, runDate).moved(reopened, c.owner(), critical);
  }

  private static Optional<LedgerEntry> autoResolve(Optional<LedgerEntry> current, LocalDate runDate, Instant now) {
    // Someone may have moved or re-seen it meanwhile: only an entry still active and still last
    // seen on the run's date is in scope.
    return current.filter(c -> c.status().isActive() && c.lastSeenDate().equals(runDate))
        .map(c -> c.moved(new LedgerChange(now, RUN_ACTOR, "auto_resolved", Optional.of(c.status()), LedgerStatus.AUTO_RESOLVED,
            "consistent in the run of " + runDate), c.owner(), false));
  }

  /**
   * Applies {@code change} to the stored entry and saves it, re-reading on a lost race. When the
   * change yields nothing, the current entry is returned unchanged.
   */
  private LedgerEntry mutate(String id, Optional<LedgerEntry> current, Function<Optional<LedgerEntry>, Optional<LedgerEntry>> change) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<LedgerEntry> next = change.apply(current);
      if (next.isEmpty()) {
        return current.orElseThrow(() -> new IllegalStateException("ledger entry " + id + " vanished"));
      }
      Optional<LedgerEntry> conflict = ledger.save(next.get());
      if (conflict.isEmpty()) {
        return next.get();
      }
      current = conflict;
    }
    throw new StorageException("ledger entry " + id + ": still contended after " + ATTEMPTS + " attempts", null);
  }
}
