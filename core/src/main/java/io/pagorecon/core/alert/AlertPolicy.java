package io.pagorecon.core.alert;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * When a reconciliation run alerts, and in which language.
 *
 * @param minCount a run with at least this many discrepancies alerts once for its date (0: never
 *     on count alone)
 * @param minAmount a run whose discrepancies add up to at least this much in one currency alerts
 *     once for its date (0: never on amount alone)
 * @param dailySummary send a summary for a day that raised no other alert (clean days included)
 * @param largestItems how many of the largest discrepancies the message lists
 */
public record AlertPolicy(AlertLanguage language, long minCount, BigDecimal minAmount, boolean dailySummary, int largestItems) {

  public AlertPolicy {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(minAmount, "minAmount");
    if (minCount < 0 || minAmount.signum() < 0 || largestItems < 0) {
      throw new IllegalArgumentException("alert thresholds must not be negative");
    }
  }

  public static AlertPolicy defaults() {
    return new AlertPolicy(AlertLanguage.ZH, 0, BigDecimal.ZERO, false, 5);
  }
}
