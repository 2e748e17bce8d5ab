package io.pagorecon.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one webhook event is delivered: attempts dropped (0 normal, 1 so only the retry arrives, 2
 * so only polling can find the payment), a delay on the simulated clock, a duplicate send, a
 * tampered signature, or a signature made with another secret (e.g. the sandbox one).
 */
public record DeliveryPlan(int dropAttempts, Duration delay, boolean duplicate, Tamper tamper, Optional<String> signingSecret) {

  public DeliveryPlan {
    if (dropAttempts < 0 || dropAttempts > 2) {
      throw new IllegalArgumentException("dropAttempts must be 0, 1 or 2");
    }
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(tamper, "tamper");
    Objects.requireNonNull(signingSecret, "signingSecret");
  }

  public static DeliveryPlan normal() {
    return new DeliveryPlan(0, Duration.ZERO, false, Tamper.NONE, Optional.empty());
  }

  public DeliveryPlan dropping(int attempts) {
    return new DeliveryPlan(attempts, delay, duplicate, tamper, signingSecret);
  }

  public DeliveryPlan delayedBy(Duration by) {
    return new DeliveryPlan(dropAttempts, by, duplicate, tamper, signingSecret);
  }

  public DeliveryPlan duplicated() {
    return new DeliveryPlan(dropAttempts, delay, true, tamper, signingSecret);
  }

  public DeliveryPlan tampered(Tamper how) {
    return new DeliveryPlan(dropAttempts, delay, duplicate, how, signingSecret);
  }

  public DeliveryPlan signedWith(String otherSecret) {
    return new DeliveryPlan(dropAttempts, delay, duplicate, tamper, Optional.of(otherSecret));
  }
}
