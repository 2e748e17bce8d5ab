package io.pagorecon.core.order;

import io.pagorecon.core.reconcile.Category;
import java.util.List;

/** What {@code DELETE /payments/{orderId}} did. Each is a normal outcome, not an error. */
public sealed interface CancelResult {

  /** The order is cancelled; {@code deleted} are the CIPs deleted at PagoEfectivo by this call. */
  record Cancelled(String orderId, List<String> deleted) implements CancelResult {
    public Cancelled {
      deleted = List.copyOf(deleted);
    }
  }

  /**
   * The order is paid (possibly by a payment that raced the cancel: it stands, and the order is
   * held with {@code reasons}); {@code paid} are its paid CIPs.
   */
  record Paid(String orderId, List<String> paid, List<Category> reasons) implements CancelResult {
    public Paid {
      paid = List.copyOf(paid);
      reasons = List.copyOf(reasons);
    }
  }

  /** No payment was ever requested for this order. */
  record NotFound(String orderId) implements CancelResult {}
}
