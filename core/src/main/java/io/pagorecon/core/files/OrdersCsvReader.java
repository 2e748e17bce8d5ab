package io.pagorecon.core.files;

import io.pagorecon.core.files.internal.CsvRecord;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Executor;

/** Reads the seller's orders export ({@code orders.csv}, or another layout through {@link OrdersFormat}). */
public final class OrdersCsvReader {

  private final OrdersFormat format;
  private final Executor executor;
  private final int parallelism;

  public OrdersCsvReader(OrdersFormat format, Executor executor, int parallelism) {
    this.format = format;
    this.executor = executor;
    this.parallelism = parallelism;
  }

  public List<Order> read(String file, InputStream in) throws IOException, InputFileException {
    CsvTable t = CsvTable.open(file, in);
    int id = t.requiredColumn(format.orderId());
    int cip = t.column(format.cip());
    int amount = t.requiredColumn(format.amount());
    int currency = t.requiredColumn(format.currency());
    int status = t.requiredColumn(format.status());
    int created = t.requiredColumn(format.createdAt());
    int paid = t.column(format.paidAt());
    return t.rows(
        executor,
        parallelism,
        (CsvRecord r, CsvTable table) -> {
          if (format.skipLineItemRows() && r.isEmpty(status) && r.isEmpty(amount)) {
            return null;
          }
          String orderId = table.requiredText(r, id);
          long cipValue = table.cip(r, cip, false);
          long minor = table.amount(r, amount);
          Currency cur = table.currency(r, currency);
          String statusText = table.requiredText(r, status);
          OrderStatus st = format.status(statusText).orElseThrow(() -> table.error(r, status, InputFileException.quote(statusText) + " is not a known status (" + String.join(", ", format.statuses().keySet()) + ")"));
          long createdAt = table.timestamp(r, created, true);
          long paidAt = table.timestamp(r, paid, false);
          return new Order(orderId, cipValue, minor, cur, st, createdAt, paidAt, r.line());
        });
  }
}
