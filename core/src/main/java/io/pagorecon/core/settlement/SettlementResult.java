package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a settlement run found, in report order: findings sorted by {@link SettlementFinding#ORDER},
 * settlements by settled_on then id.
 */
public record SettlementResult(
    LocalDate asOf,
    List<SettlementFinding> findings,
    Map<SettlementCategory, Long> countsByCategory,
    List<SettlementSummary> settlements,
    Map<Currency, CurrencySettlementTotals> totals) {

  public SettlementResult {
    findings = List.copyOf(findings);
    countsByCategory = Map.copyOf(countsByCategory);
    settlements = List.copyOf(settlements);
    totals = Map.copyOf(totals);
  }

  public boolean clean() {
    return findings.isEmpty();
  }
}
