package io.pagorecon.core.gateway;

import java.time.OffsetDateTime;

/** Port: issues and manages CIPs for shop orders (create, change expiry, delete). */
public interface CipIssuer {

  /**
   * Creates a CIP. Never retried blindly: when the outcome is unknown (timeout after sending) this
   * throws {@link GatewayException} with {@link GatewayException.Kind#OUTCOME_UNKNOWN}; the CIP may
   * exist and be paid, which the webhook (matched on transactionCode) or the next sync reveals.
   */
  IssuedCip create(CipRequest request);

  /** Moves the expiry of an unpaid CIP; an expired CIP becomes payable again. */
  void changeExpiry(String cip, OffsetDateTime newExpiry);

  /** Logically deletes an unpaid CIP. */
  void delete(String cip);
}
