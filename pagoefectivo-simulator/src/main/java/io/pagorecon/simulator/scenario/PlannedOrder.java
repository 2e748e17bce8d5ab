package io.pagorecon.simulator.scenario;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One order's planned story: its row in the shop's export (absent for an unknown order), its CIPs
 * as the gateway will report them, the webhooks sent for it, and the findings it must produce.
 */
public record PlannedOrder(
    String orderId, Fate fate, Optional<OrderRow> order, List<PlannedCip> cips, List<PlannedWebhook> webhooks, List<Finding> findings) {

  /** The seller's export row (docs/contracts.md, Contract 2 {@code orders.csv}). */
  public record OrderRow(String orderId, long cip, BigDecimal amount, String currency, String status,
      OffsetDateTime createdAt, Optional<OffsetDateTime> paidAt) {}

  /** The gateway's view of one CIP ({@code statement.csv}); {@code status} in our vocabulary. */
  public record PlannedCip(long cip, String transactionCode, BigDecimal amount, String currency, String status,
      OffsetDateTime createdAt, OffsetDateTime expiresAt, Optional<OffsetDateTime> paidAt,
      Optional<OffsetDateTime> removedAt, String operationNumber) {}

  /** How a webhook reaches the merchant. Only VERIFIED ones land in {@code webhooks.jsonl}. */
  public enum Delivery {
    VERIFIED,
    /** Both attempts lost. */
    LOST,
    /** Bad signature: rejected. */
    FORGED,
    /** Signed with the sandbox secret: rejected in production. */
    SANDBOX
  }

  /** A notification: {@code body} is the compact JSON exactly as sent. */
  public record PlannedWebhook(long cip, String body, OffsetDateTime receivedAt, Delivery delivery) {}

  /** One row of {@code ground-truth.csv}. */
  public record Finding(String category, String orderId, long cip) {}
}
