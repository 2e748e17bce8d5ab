package io.pagorecon.core.gateway;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What PagoEfectivo says about one CIP ({@code cips/search}). {@code state} is already mapped from
 * PagoEfectivo's numeric status in the client (23 "Cancelado" is PAID); an unmapped code is
 * UNKNOWN, with the raw code and name kept for the log.
 */
public record GatewayCip(
    String cip,
    PaymentState state,
    int statusCode,
    String statusName,
    Optional<Money> amount,
    Optional<String> transactionCode,
    Optional<OffsetDateTime> createdAt,
    Optional<OffsetDateTime> expiresAt,
    Optional<OffsetDateTime> paidAt,
    Optional<OffsetDateTime> removedAt) {

  public GatewayCip {
    Objects.requireNonNull(cip, "cip");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(statusName, "statusName");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(removedAt, "removedAt");
  }
}
