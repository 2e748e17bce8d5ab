package io.pagorecon.core.order;

import java.util.Optional;

/** Port: the orders we issue CIPs for (ORDER# items of the payments table in production). */
public interface OrderStore {

  Optional<Order> find(String orderId);

  /**
   * Writes {@code order} with version {@code expectedVersion + 1} provided the stored version is
   * still {@code expectedVersion} (0: it must not exist); false when someone wrote it meanwhile.
   *
   * @throws io.pagorecon.core.payment.StorageException when the store cannot be reached
   */
  boolean save(Order order, long expectedVersion);
}
