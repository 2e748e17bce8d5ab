package io.pagorecon.core.ledger;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the ledger records of a finding: a reconciliation discrepancy or a settlement finding. The
 * id is stable (no run date), so finding the same problem again updates the same entry.
 */
public interface LedgerFinding {

  String id();

  FindingCategory category();

  String orderId();

  String cip();

  String detail();

  Optional<Money> orderAmount();

  Optional<Money> gatewayAmount();

  Optional<Currency> currency();

  Optional<LocalDate> businessDate();
}
