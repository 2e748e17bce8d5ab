package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.Instant;
import java.util.Objects;

/**
 * One CIP as the gateway reports it (Contract 2 {@code statement.csv}). Compact like {@link
 * Order}: minor units, epoch millis ({@link Times#NONE} when empty).
 *
 * @param transactionCode the merchant order reference, null when the gateway gave none
 */
public record StatementRow(
    long cip,
    String transactionCode,
    long amountMinor,
    Currency currency,
    PaymentState status,
    long createdAt,
    long expiresAt,
    long paidAt,
    long removedAt,
    int line) {

  public StatementRow {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    if (cip < 0) {
      throw new IllegalArgumentException("cip is required");
    }
  }

  /** Convenience for tests and adapters; the code and the instants may be null. */
  public static StatementRow of(String cip, String transactionCode, Money amount, PaymentState status, Instant createdAt, Instant expiresAt, Instant paidAt, Instant removedAt) {
    return new StatementRow(Cips.parse(cip), transactionCode, amount.minorUnits(), amount.currency(), status, Times.millis(createdAt), Times.millis(expiresAt), Times.millis(paidAt), Times.millis(removedAt), 0);
  }

  public Money amount() {
    return Money.ofMinor(amountMinor, currency);
  }
}
