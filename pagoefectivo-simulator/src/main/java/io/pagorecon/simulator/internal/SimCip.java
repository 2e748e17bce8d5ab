package io.pagorecon.simulator.internal;

import io.pagorecon.simulator.CipView;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Mutable state of one CIP; guarded by {@link CipBook}'s lock. */
final class SimCip {
  final long cip;
  final String transactionCode;
  final String currency;
  final BigDecimal amount;
  final OffsetDateTime dateCreation;
  final String cipUrl;
  OffsetDateTime dateExpiry;
  int status;
  OffsetDateTime datePayment;
  OffsetDateTime dateRemoval;
  String operationNumber;

  SimCip(long cip, String transactionCode, String currency, BigDecimal amount, OffsetDateTime created,
      OffsetDateTime expiry, String cipUrl) {
    this.cip = cip;
    this.transactionCode = transactionCode;
    this.currency = currency;
    this.amount = amount;
    this.dateCreation = created;
    this.dateExpiry = expiry;
    this.cipUrl = cipUrl;
    this.status = CipBook.GENERATED;
  }

  CipView view(String statusName) {
    return new CipView(cip, transactionCode, currency, amount, status, statusName, dateCreation, dateExpiry,
        Optional.ofNullable(datePayment), Optional.ofNullable(dateRemoval), Optional.ofNullable(operationNumber), cipUrl);
  }
}
