package io.pagorecon.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One webhook event as sent (or held, or dropped), with every attempt: the inspection log of §12
 * item 21. {@code body} is exactly the bytes sent; {@code signature} is the header sent, if any.
 */
public record WebhookDelivery(
    long id, String eventType, String cip, byte[] body, Optional<String> signature, DeliveryPlan plan, List<Attempt> attempts) {

  /** One HTTP attempt: status 0 when it was dropped or failed without an answer. */
  public record Attempt(int number, Instant at, boolean dropped, int status, Optional<String> error) {}

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** True when an attempt got HTTP 200. */
  public boolean delivered() {
    return attempts.stream().anyMatch(a -> a.status() == 200);
  }
}
