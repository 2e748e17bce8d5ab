package io.pagorecon.core.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Port: the verified notifications the webhook recorded, by business date (the payments table's
 * {@code byBusinessDate} index in production). Infrastructure faults throw
 * {@link io.pagorecon.core.payment.StorageException}.
 */
public interface WebhookLog {

  /** A notification body exactly as received (its signature was verified before it was stored). */
  record Received(Instant receivedAt, byte[] body) {}

  List<Received> verifiedOn(LocalDate businessDate);

  /** Each notification of the date in turn, without holding them all at once (a day may have millions). */
  default void forEachVerifiedOn(LocalDate businessDate, Consumer<Received> each) {
    verifiedOn(businessDate).forEach(each);
  }
}
