package io.pagorecon.core.files;

import io.pagorecon.core.files.internal.CsvRecord;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.StatementRow;
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
    return t.rows(
        executor,
        parallelism,
        (CsvRecord r, CsvTable table) ->
            new StatementRow(
                table.cip(r, cip, true),
                table.optionalText(r, code),
                table.amount(r, amount),
                table.currency(r, currency),
                status(r, status, table),
                table.timestamp(r, created, false),
                table.timestamp(r, expires, false),
                table.timestamp(r, paid, false),
                table.timestamp(r, removed, false),
                r.line()));
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
