package io.pagorecon.core.gateway;

import io.pagorecon.core.money.Money;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to issue a CIP for a shop order ({@code POST /v1/cips}). Only the required fields are
 * plain; every optional PagoEfectivo field is an Optional. Limits are validated by the client
 * before sending.
 */
public record CipRequest(
    String transactionCode,
    Money amount,
    Optional<OffsetDateTime> dateExpiry,
    String userEmail,
    Optional<String> paymentConcept,
    Optional<String> additionalData,
    Optional<String> adminEmail,
    Optional<String> userId,
    Optional<String> userName,
    Optional<String> userLastName,
    Optional<String> userDocumentType,
    Optional<String> userDocumentNumber,
    Optional<String> userPhone,
    Optional<String> userCodeCountry,
    Optional<String> userUbigeo,
    Optional<String> userCountry) {

  public CipRequest {
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(dateExpiry, "dateExpiry");
    Objects.requireNonNull(userEmail, "userEmail");
  }

  /** The minimal request: order, amount, expiry and the shopper's email. */
  public static CipRequest of(String transactionCode, Money amount, OffsetDateTime dateExpiry, String userEmail) {
    return new CipRequest(transactionCode, amount, Optional.ofNullable(dateExpiry), userEmail,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
