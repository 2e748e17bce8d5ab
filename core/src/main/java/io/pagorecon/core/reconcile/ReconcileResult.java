package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a run: the discrepancies in their stable order, the MATCHED count, the count per
 * category (every category present, zeros included) and totals per currency (both currencies).
 * {@code seen} counts the inputs in scope (orders, statement rows of any status, webhooks): zero
 * means the run saw nothing, which a wrong date or file gives as surely as a quiet day.
 */
public record ReconcileResult(
    Optional<LocalDate> date,
    Instant asOf,
    List<Discrepancy> discrepancies,
    long matched,
    Map<Category, Long> countsByCategory,
    Map<Currency, CurrencyTotals> totals,
    long seen) {

  /** For results built without counting the inputs: what was matched or found was at least seen. */
  public ReconcileResult(Optional<LocalDate> date, Instant asOf, List<Discrepancy> discrepancies, long matched,
      Map<Category, Long> countsByCategory, Map<Currency, CurrencyTotals> totals) {
    this(date, asOf, discrepancies, matched, countsByCategory, totals, matched + discrepancies.size());
  }

  public ReconcileResult {
    // the engine's findings are an immutable view that builds each one when read: kept as it is
    discrepancies = discrepancies instanceof Findings.View ? discrepancies : List.copyOf(discrepancies);
    countsByCategory = Map.copyOf(countsByCategory);
    totals = Map.copyOf(totals);
  }

  public boolean clean() {
    return discrepancies.isEmpty();
  }

  /** No order, statement row or webhook was in scope. */
  public boolean empty() {
    return seen == 0;
  }
}
