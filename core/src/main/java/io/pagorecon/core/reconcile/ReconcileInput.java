package io.pagorecon.core.reconcile;

import java.util.List;
import java.util.Objects;

/** The three sides of a reconciliation: the seller's orders, the gateway statement, the webhooks. */
public record ReconcileInput(List<Order> orders, List<StatementRow> statement, List<WebhookReceipt> webhooks) {

  public ReconcileInput {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(webhooks, "webhooks");
  }
}
