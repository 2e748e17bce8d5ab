package io.pagorecon.core.order;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.payment.PaymentState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Every outcome of {@code POST /payments} is a value; the handler maps each to a status. */
public sealed interface CreatePaymentResult {

  /** A new CIP was issued (201). */
  record Created(String orderId, String cip, OffsetDateTime expiresAt, String cipUrl) implements CreatePaymentResult {}

  /** The order's payable CIP is returned again (200): no duplicate payment possible. */
  record Reused(String orderId, String cip, Optional<OffsetDateTime> expiresAt) implements CreatePaymentResult {}

  /** The order's CIP had expired or was about to: its expiry was moved (PATCH) instead (200). */
  record Extended(String orderId, String cip, OffsetDateTime expiresAt) implements CreatePaymentResult {}

  /** Refused with a stable code: bad input, a conflicting or paid order, a CIP in flight, a gateway fault. */
  record Refused(ErrorCode code, String message, List<String> fields, Optional<String> cip, Optional<PaymentState> state)
      implements CreatePaymentResult {
    public Refused {
      fields = List.copyOf(fields);
    }

    public static Refused of(ErrorCode code, String message) {
      return new Refused(code, message, List.of(), Optional.empty(), Optional.empty());
    }
  }
}
