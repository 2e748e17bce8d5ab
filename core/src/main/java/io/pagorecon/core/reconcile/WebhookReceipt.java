package io.pagorecon.core.reconcile;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.webhook.EventType;
import io.pagorecon.core.webhook.Notification;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified notification as the engine needs it: when it was received and what it claims.
 *
 * @param cip {@link Order#NO_CIP} when the notification carries none (unknown event types)
 * @param transactionCode null when absent (older payloads)
 * @param currency null when the notification carries no amount
 * @param paymentDate epoch millis, {@link Times#NONE} when absent
 */
public record WebhookReceipt(
    long cip,
    EventType type,
    String transactionCode,
    long amountMinor,
    Currency currency,
    long paymentDate,
    long receivedAt,
    int line) {

  public WebhookReceipt {
    Objects.requireNonNull(type, "type");
    if (receivedAt == Times.NONE) {
      throw new IllegalArgumentException("receivedAt is required");
    }
  }

  public static WebhookReceipt of(Instant receivedAt, Notification n, int line) {
    return new WebhookReceipt(
        n.cip().map(Cips::parse).orElse(Order.NO_CIP),
        n.type(),
        n.transactionCode().orElse(null),
        n.amount().map(m -> m.minorUnits()).orElse(0L),
        n.amount().map(m -> m.currency()).orElse(null),
        n.paymentDate().map(d -> d.toInstant().toEpochMilli()).orElse(Times.NONE),
        receivedAt.toEpochMilli(),
        line);
  }

  public boolean isPaid() {
    return type == EventType.CIP_PAID && cip != Order.NO_CIP;
  }
}
