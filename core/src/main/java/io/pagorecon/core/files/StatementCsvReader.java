package io.pagorecon.core.files;

import io.pagorecon.core.files.internal.CsvRecord;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.RowBudget;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.money.Currency;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * Reads the gateway statement ({@code statement.csv}):
 * {@code cip,transaction_code,amount,currency,status,created_at,expires_at,paid_at,removed_at}.
 */
public final class StatementCsvReader {

  private final Executor executor;
  private final int parallelism;

  public StatementCsvReader(Executor executor, int parallelism) {
    this.executor = executor;
    this.parallelism = parallelism;
  }

  public List<StatementRow> read(String file, InputStream in) throws IOException, InputFileException {
    return read(file, in, RowBudget.unlimited(), true, null).toList();
  }

  /** The rows as columns: what the engine reads (no {@code removed_at}), with no object per row. */
  public StatementColumns readColumns(String file, InputStream in) throws IOException, InputFileException {
    return readColumns(file, in, RowBudget.unlimited());
  }

  /** Same, taking each row from {@code budget} (which throws once it is spent). */
  public StatementColumns readColumns(String file, InputStream in, RowBudget budget) throws IOException, InputFileException {
    return read(file, in, budget, false, null);
  }

  /**
   * Same, the transaction codes encoded against the orders as each chunk is parsed (so their text
   * is never held for the whole file); {@code orders} null keeps them as text.
   */
  public StatementColumns readColumns(String file, InputStream in, RowBudget budget, CodeColumn.Dictionary orders) throws IOException, InputFileException {
    return read(file, in, budget, false, orders);
  }

  private StatementColumns read(String file, InputStream in, RowBudget budget, boolean full, CodeColumn.Dictionary orders)
      throws IOException, InputFileException {
    CsvTable t = CsvTable.open(file, in);
    int cip = t.requiredColumn("cip");
    int code = t.requiredColumn("transaction_code");
    int amount = t.requiredColumn("amount");
    int currency = t.requiredColumn("currency");
    int status = t.requiredColumn("status");
    int created = t.requiredColumn("created_at");
    int expires = t.requiredColumn("expires_at");
    int paid = t.requiredColumn("paid_at");
    int removed = t.requiredColumn("removed_at");
    StatementColumns all = new StatementColumns(1024, full);
    t.readBlocks(
        executor,
        parallelism,
        n -> new StatementColumns(n, full),
        (CsvRecord r, CsvTable table, StatementColumns block) -> {
          long cipValue = table.cip(r, cip, true);
          long codeBounds = CsvTable.plainTrimmedBounds(r, code);
          long minor = table.amount(r, amount);
          Currency cur = table.currency(r, currency);
          PaymentState st = status(r, status, table);
          long createdAt = table.timestamp(r, created, false);
          long expiresAt = table.timestamp(r, expires, false);
          long paidAt = table.timestamp(r, paid, false);
          long removedAt = table.timestamp(r, removed, false);
          if (codeBounds >= 0) {
            block.add(cipValue, r.data(), (int) (codeBounds >>> 32), (int) codeBounds, minor, cur, st, createdAt, expiresAt, paidAt, removedAt, r.line());
          } else {
            block.add(cipValue, codeBounds == -2 ? null : table.optionalText(r, code), minor, cur, st, createdAt, expiresAt, paidAt, removedAt, r.line());
          }
        },
        block -> block.encodeCodes(orders),
        block -> {
          budget.take(block.size());
          all.addAll(block);
        });
    all.trim();
    return all;
  }

  private static PaymentState status(CsvRecord r, int column, CsvTable table) throws InputFileException {
    String text = table.requiredText(r, column).trim().toUpperCase(Locale.ROOT);
    switch (text) {
      case "PENDING":
        return PaymentState.PENDING;
      case "PAID":
        return PaymentState.PAID;
      case "EXPIRED":
        return PaymentState.EXPIRED;
      case "DELETED":
        return PaymentState.DELETED;
      case "REFUNDED":
        return PaymentState.REFUNDED;
      case "UNKNOWN":
        return PaymentState.UNKNOWN;
      default:
        throw table.error(r, column, InputFileException.quote(r.text(column)) + " is not a status (PENDING, PAID, EXPIRED, DELETED, REFUNDED)");
    }
  }
}
