package io.pagorecon.core.ledger;

import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Severity;
import io.pagorecon.core.settlement.SettlementCategory;
import java.util.Optional;

/**
 * A category the ledger can hold: a reconciliation category (Contract 1) or a settlement one. The
 * two families never share a name, so the name alone identifies it.
 */
public interface FindingCategory {

  String name();

  Severity severity();

  /** The category of a stored name; empty when neither family knows it. */
  static Optional<FindingCategory> parse(String name) {
    for (Category c : Category.values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    for (SettlementCategory c : SettlementCategory.values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
