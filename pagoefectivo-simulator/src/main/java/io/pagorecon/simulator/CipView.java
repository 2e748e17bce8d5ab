package io.pagorecon.simulator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A snapshot of one simulated CIP. */
public record CipView(
    long cip,
    String transactionCode,
    String currency,
    BigDecimal amount,
    int status,
    String statusName,
    OffsetDateTime dateCreation,
    OffsetDateTime dateExpiry,
    Optional<OffsetDateTime> datePayment,
    Optional<OffsetDateTime> dateRemoval,
    Optional<String> operationNumber,
    String cipUrl) {}
