package io.pagorecon.core.statement;

import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** One row of {@code statement.csv} (docs/contracts.md, Contract 2). {@code status} is never UNKNOWN. */
public record StatementRow(
    String cip,
    Optional<String> transactionCode,
    Optional<Money> amount,
    PaymentState status,
    Optional<OffsetDateTime> createdAt,
    Optional<OffsetDateTime> expiresAt,
    Optional<OffsetDateTime> paidAt,
    Optional<OffsetDateTime> removedAt) {

  public StatementRow {
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(removedAt, "removedAt");
    if (status == PaymentState.UNKNOWN) {
      throw new IllegalArgumentException("a statement row needs a known status: cip " + cip);
    }
  }

  public static StatementRow of(GatewayCip g) {
    return new StatementRow(g.cip(), g.transactionCode(), g.amount(), g.state(), g.createdAt(), g.expiresAt(), g.paidAt(), g.removedAt());
  }
}
