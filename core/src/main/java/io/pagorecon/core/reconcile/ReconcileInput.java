package io.pagorecon.core.reconcile;

import java.util.List;
import java.util.Objects;

/**
 * The three sides of a reconciliation: the seller's orders, the gateway statement, the webhooks.
 *
 * @param webhooksSupplied false when no webhook source was given at all: then MISSING_WEBHOOK is
 *     not judged (an absent file is not evidence that every webhook was lost)
 */
public record ReconcileInput(List<Order> orders, List<StatementRow> statement, List<WebhookReceipt> webhooks, boolean webhooksSupplied) {

  public ReconcileInput {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(webhooks, "webhooks");
  }

  public ReconcileInput(List<Order> orders, List<StatementRow> statement, List<WebhookReceipt> webhooks) {
    this(orders, statement, webhooks, true);
  }
}
