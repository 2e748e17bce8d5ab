package io.pagorecon.core.order;

/**
 * Port: publishes {@link ShopEvent}s (an EventBridge bus in production). Infrastructure faults throw
 * {@link io.pagorecon.core.payment.StorageException}.
 */
@FunctionalInterface
public interface ShopEvents {

  void publish(ShopEvent event);
}
