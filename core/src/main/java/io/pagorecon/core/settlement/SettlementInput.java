package io.pagorecon.core.settlement;

import io.pagorecon.core.reconcile.StatementRow;
import java.util.List;

/** Everything one settlement run judges; {@code rates} may be empty (FX is then not judged). */
public record SettlementInput(
    List<StatementRow> statement, List<SettlementRow> settlements, List<BankCredit> credits, List<FeeContract> fees, List<ReferenceRate> rates) {

  public SettlementInput {
    statement = List.copyOf(statement);
    settlements = List.copyOf(settlements);
    credits = List.copyOf(credits);
    fees = List.copyOf(fees);
    rates = List.copyOf(rates);
  }
}
