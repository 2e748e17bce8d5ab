package io.pagorecon.core.files;

import io.pagorecon.core.reconcile.InputConflictException;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.ReconcileInput;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.reconcile.WebhookReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The reconcile use case over Contract 2 files, shared by the CLI (local files) and the reconcile
 * function (S3 object streams): read the three inputs, reconcile, return the result. Any bad input
 * is an {@link InputFileException} naming the file, line and field, raised before anything is
 * written.
 */
public final class ReconcileFiles {

  /** A named stream opener: the name is what error messages call the file. */
  public record Source(String name, Opener opener) {}

  /** Opens the stream; the use case closes it. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  private final Reconciler reconciler;
  private final OrdersCsvReader orders;
  private final StatementCsvReader statement;
  private final WebhooksJsonlReader webhooks;

  public ReconcileFiles(Reconciler reconciler, OrdersFormat format, Executor executor, int parallelism) {
    this.reconciler = reconciler;
    this.orders = new OrdersCsvReader(format, executor, parallelism);
    this.statement = new StatementCsvReader(executor, parallelism);
    this.webhooks = new WebhooksJsonlReader(executor, parallelism);
  }

  public ReconcileResult run(Source ordersFile, Source statementFile, Optional<Source> webhooksFile, Scope scope) throws IOException, InputFileException {
    List<Order> o;
    try (InputStream in = ordersFile.opener().open()) {
      o = orders.read(ordersFile.name(), in);
    }
    List<StatementRow> s;
    try (InputStream in = statementFile.opener().open()) {
      s = statement.read(statementFile.name(), in);
    }
    List<WebhookReceipt> w = List.of();
    if (webhooksFile.isPresent()) {
      try (InputStream in = webhooksFile.get().opener().open()) {
        w = webhooks.read(webhooksFile.get().name(), in);
      }
    }
    try {
      return reconciler.reconcile(new ReconcileInput(o, s, w, webhooksFile.isPresent()), scope);
    } catch (InputConflictException e) {
      String file;
      switch (e.source()) {
        case ORDERS:
          file = ordersFile.name();
          break;
        case STATEMENT:
          file = statementFile.name();
          break;
        default:
          file = webhooksFile.map(Source::name).orElse("webhooks");
          break;
      }
      throw new InputFileException(file, e.line(), e.field(), e.getMessage());
    }
  }
}
