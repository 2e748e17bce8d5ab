package io.pagorecon.core.files;

import io.pagorecon.core.files.internal.CsvRecord;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.files.internal.FastParse;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.OrderStatus;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.RowBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    return read(file, in, RowBudget.unlimited(), true).toList();
  }

  /** The orders as columns: what the engine reads (no {@code paid_at}), with no object per order. */
  public OrderColumns readColumns(String file, InputStream in) throws IOException, InputFileException {
    return readColumns(file, in, RowBudget.unlimited());
  }

  /** Same, taking each row from {@code budget} (which throws once it is spent). */
  public OrderColumns readColumns(String file, InputStream in, RowBudget budget) throws IOException, InputFileException {
    return read(file, in, budget, false);
  }

  private OrderColumns read(String file, InputStream in, RowBudget budget, boolean full) throws IOException, InputFileException {
    CsvTable t = CsvTable.open(file, in);
    int id = t.requiredColumn(format.orderId());
    int cip = t.column(format.cip());
    int amount = t.requiredColumn(format.amount());
    int currency = t.requiredColumn(format.currency());
    int status = t.requiredColumn(format.status());
    int created = t.requiredColumn(format.createdAt());
    int paid = t.column(format.paidAt());
    OrderColumns all = new OrderColumns(1024, full);
    t.readBlocks(
        executor,
        parallelism,
        n -> new OrderColumns(n, full),
        (CsvRecord r, CsvTable table, OrderColumns block) -> {
          if (format.skipLineItemRows() && r.isEmpty(status) && r.isEmpty(amount)) {
            return;
          }
          long idBounds = CsvTable.plainBounds(r, id);
          byte[] idBytes = r.data();
          int idFrom = (int) (idBounds >>> 32);
          int idTo = (int) idBounds;
          if (idBounds < 0) {
            idBytes = table.requiredText(r, id).getBytes(StandardCharsets.UTF_8);
            idFrom = 0;
            idTo = idBytes.length;
          }
          long cipValue = table.cip(r, cip, false);
          long minor = table.amount(r, amount);
          Currency cur = table.currency(r, currency);
          OrderStatus st = status(r, status, table);
          long createdAt = table.timestamp(r, created, true);
          long paidAt = table.timestamp(r, paid, false);
          block.add(idBytes, idFrom, idTo, cipValue, minor, cur, st, createdAt, paidAt, r.line());
        },
        block -> { },
        block -> {
          budget.take(block.size());
          all.addAll(block);
        });
    all.trim();
    return all;
  }

  private OrderStatus status(CsvRecord r, int status, CsvTable table) throws InputFileException {
    // the five canonical names straight from the bytes; anything else through the format's mapping
    if (format == OrdersFormat.CANONICAL && !r.escaped(status)) {
      for (OrderStatus s : OrderStatus.values()) {
        if (FastParse.equalsIgnoreCase(r.data(), r.start(status), r.end(status), s.name())) {
          return s;
        }
      }
    }
    String statusText = table.requiredText(r, status);
    return format.status(statusText).orElseThrow(() -> table.error(r, status, InputFileException.quote(statusText) + " is not a known status (" + String.join(", ", format.statuses().keySet()) + ")"));
  }
}
