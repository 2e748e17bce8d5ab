package io.pagorecon.core.ledger;

import io.pagorecon.core.reconcile.Category;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns each category (docs/runbook.md), from configuration: {@code CATEGORY=owner;...;default=owner}
 * (e.g. {@code PAID_NOT_RECORDED=orders@shop.pe;AMOUNT_MISMATCH=finance;default=ops}). Recorded as
 * {@code owner} on every new ledger entry by {@link #assigning(Ledger)}.
 */
public final class CategoryOwners {

  private final Map<String, String> owners;
  private final Optional<String> fallback;

  private CategoryOwners(Map<String, String> owners, Optional<String> fallback) {
    this.owners = owners;
    this.fallback = fallback;
  }

  public static CategoryOwners none() {
    return new CategoryOwners(Map.of(), Optional.empty());
  }

  /**
   * @throws IllegalArgumentException naming the part that is not {@code CATEGORY=owner} or an
   *     unknown category
   */
  public static CategoryOwners parse(String text) {
    Map<String, String> owners = new java.util.HashMap<>();
    Optional<String> fallback = Optional.empty();
    if (text == null || text.isBlank()) {
      return none();
    }
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not CATEGORY=owner");
      }
      String key = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
      String owner = part.substring(eq + 1).strip();
      if (key.equals("DEFAULT")) {
        fallback = Optional.of(owner);
        continue;
      }
      if (FindingCategory.parse(key).isEmpty()) {
        throw new IllegalArgumentException("'" + key + "' is not a category (" + List.of(Category.values()) + " or a settlement category)");
      }
      owners.put(key, owner);
    }
    return new CategoryOwners(owners, fallback);
  }

  public Optional<String> ownerOf(FindingCategory category) {
    return Optional.ofNullable(owners.get(category.name())).or(() -> fallback);
  }

  /** {@code ledger}, recording the category's owner on each new entry that has none. */
  public Ledger assigning(Ledger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    CategoryOwners self = this;
    return new Ledger() {
      @Override
      public Optional<LedgerEntry> find(String id) {
        return ledger.find(id);
      }

      @Override
      public Map<String, LedgerEntry> findAll(Collection<String> ids) {
        return ledger.findAll(ids);
      }

      @Override
      public List<LedgerEntry> byStatus(LedgerStatus status, Optional<LocalDate> from, Optional<LocalDate> to, int limit) {
        return ledger.byStatus(status, from, to, limit);
      }

      @Override
      public Optional<LedgerEntry> save(LedgerEntry e) {
        Optional<String> owner = e.version() == 1 && e.owner().isEmpty() ? self.ownerOf(e.category()) : Optional.empty();
        if (owner.isEmpty()) {
          return ledger.save(e);
        }
        return ledger.save(new LedgerEntry(e.id(), e.category(), e.orderId(), e.cip(), e.detail(), e.orderAmount(), e.gatewayAmount(),
            e.currency(), e.businessDate(), e.status(), owner, e.notes(), e.history(), e.firstSeenDate(), e.lastSeenDate(), e.version(),
            e.alertPending()));
      }

      @Override
      public boolean hasMarker(String key) {
        return ledger.hasMarker(key);
      }

      @Override
      public void putMarker(String key) {
        ledger.putMarker(key);
      }
    };
  }
}
