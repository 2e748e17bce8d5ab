package io.pagorecon.core.ledger;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the discrepancy ledger (DynamoDB {@code LedgerTable} in production). Every write is
 * conditional on the version, so two writers never silently overwrite each other.
 *
 * <p>Infrastructure faults throw {@link io.pagorecon.core.payment.StorageException}.
 */
public interface Ledger {

  Optional<LedgerEntry> find(String id);

  /** The entries that exist among {@code ids}, by id (batched reads, never one call per id). */
  Map<String, LedgerEntry> findAll(Collection<String> ids);

  /**
   * Entries in a status, most recently seen first.
   *
   * @param lastSeenFrom when present, only entries last seen on or after it
   * @param lastSeenTo when present, only entries last seen on or before it
   */
  List<LedgerEntry> byStatus(LedgerStatus status, Optional<LocalDate> lastSeenFrom, Optional<LocalDate> lastSeenTo, int limit);

  /**
   * Stores {@code entry} if the stored version is {@code entry.version() - 1} (absent for version 1).
   *
   * @return empty when stored; otherwise the entry as it is now stored (someone else wrote first)
   */
  Optional<LedgerEntry> save(LedgerEntry entry);

  /** Whether a once-only marker (e.g. "the threshold alert of 2024-01-15 was sent") exists. */
  boolean hasMarker(String key);

  /** Records a once-only marker; recording it twice is harmless. */
  void putMarker(String key);
}
