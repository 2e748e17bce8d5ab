package io.pagorecon.core.alert;

/**
 * Port: sends an alert to the people (SNS topic → email, DingTalk in production). Infrastructure
 * faults throw {@link io.pagorecon.core.payment.StorageException}.
 */
public interface AlertPublisher {

  void publish(Alert alert);
}
