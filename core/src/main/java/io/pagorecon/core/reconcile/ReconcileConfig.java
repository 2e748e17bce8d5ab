package io.pagorecon.core.reconcile;

import io.pagorecon.core.time.BusinessCalendar;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a reconciliation.
 *
 * @param calendar the business zone (America/Lima unless configured otherwise)
 * @param lateWebhookAfter a webhook received later than this after the payment is LATE_WEBHOOK
 * @param openOrderFor a PENDING order older than this with nothing payable is EXPIRED_ORDER_OPEN
 */
public record ReconcileConfig(BusinessCalendar calendar, Duration lateWebhookAfter, Duration openOrderFor) {

  public static final Duration DEFAULT_LATE_WEBHOOK = Duration.ofMinutes(30);
  public static final Duration DEFAULT_OPEN_ORDER = Duration.ofHours(24);

  public ReconcileConfig {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(lateWebhookAfter, "lateWebhookAfter");
    Objects.requireNonNull(openOrderFor, "openOrderFor");
    if (lateWebhookAfter.isNegative() || openOrderFor.isNegative()) {
      throw new IllegalArgumentException("thresholds must not be negative");
    }
  }

  public static ReconcileConfig defaults() {
    return new ReconcileConfig(BusinessCalendar.lima(), DEFAULT_LATE_WEBHOOK, DEFAULT_OPEN_ORDER);
  }

  public ReconcileConfig withCalendar(BusinessCalendar other) {
    return new ReconcileConfig(other, lateWebhookAfter, openOrderFor);
  }
}
