package io.pagorecon.core.sync;

import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Port: tells the shop that polling found a state no webhook reported (SNS in production). */
public interface RecoveryNotices {

  void recovered(RecoveredPayment payment);

  /** A state recovered by the sync job; {@code orderId} is the transactionCode. */
  record RecoveredPayment(String cip, Optional<String> orderId, PaymentState from, PaymentState to, Optional<Money> amount, Optional<OffsetDateTime> paidAt) {}
}
