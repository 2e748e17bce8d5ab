package io.pagorecon.core.reconcile;

import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import java.util.Objects;

/**
 * {@link ReconcileInput} as columns, what the file readers produce: no object per order, row or
 * webhook. The engine encodes the transaction codes of the statement and the webhooks in place
 * ({@link io.pagorecon.core.reconcile.columns.CodeColumn#encode}).
 */
public record ColumnInput(OrderColumns orders, StatementColumns statement, WebhookColumns webhooks, boolean webhooksSupplied) {

  public ColumnInput {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(webhooks, "webhooks");
  }

  public static ColumnInput of(ReconcileInput input) {
    return new ColumnInput(OrderColumns.of(input.orders()), StatementColumns.of(input.statement()), WebhookColumns.of(input.webhooks()), input.webhooksSupplied());
  }
}
