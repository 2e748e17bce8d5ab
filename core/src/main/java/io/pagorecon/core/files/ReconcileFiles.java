package io.pagorecon.core.files;

import io.pagorecon.core.reconcile.ColumnInput;
import io.pagorecon.core.reconcile.InputConflictException;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import io.pagorecon.core.reconcile.Scope;
import io.pagorecon.core.reconcile.internal.IdIndex;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.OrderColumns;
import io.pagorecon.core.reconcile.columns.RowBudget;
import io.pagorecon.core.reconcile.columns.StatementColumns;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import java.io.IOException;
import java.io.InputStream;
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
    ColumnInput input = read(ordersFile, statementFile, webhooksFile);
    try {
      return reconciler.reconcile(input, scope);
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

  /** The three files as columns; the index of the order ids used to encode the codes is dropped on return. */
  private ColumnInput read(Source ordersFile, Source statementFile, Optional<Source> webhooksFile) throws IOException, InputFileException {
    // the orders first, so the statement and the webhooks (read at the same time, each on its own
    // reader thread, chunks parsed on the shared executor) encode their transaction codes as order
    // indexes while they are parsed; errors are reported in a fixed order: orders, statement, webhooks
    OrderColumns o;
    try (InputStream in = ordersFile.opener().open()) {
      o = orders.readColumns(ordersFile.name(), in);
    }
    IdIndex ids = new IdIndex(o.ids());
    for (int i = 0; i < o.size(); i++) {
      ids.putIfAbsent(i);
    }
    CodeColumn.Dictionary dictionary = new CodeColumn.Dictionary(o.ids(), ids::get);
    Read<StatementColumns> s = Read.start("statement", () -> {
      try (InputStream in = statementFile.opener().open()) {
        return statement.readColumns(statementFile.name(), in, RowBudget.unlimited(), dictionary);
      }
    });
    Read<WebhookColumns> w = webhooksFile.isEmpty() ? null : Read.start("webhooks", () -> {
      try (InputStream in = webhooksFile.get().opener().open()) {
        return webhooks.readColumns(webhooksFile.get().name(), in, RowBudget.unlimited(), dictionary);
      }
    });
    StatementColumns rows;
    WebhookColumns receipts;
    try {
      rows = s.join();
      receipts = w == null ? new WebhookColumns(0) : w.join();
    } finally {
      s.await();
      if (w != null) {
        w.await();
      }
    }
    return new ColumnInput(o, rows, receipts, webhooksFile.isPresent());
  }

  /** A file read on its own thread. */
  static final class Read<T> {
    interface Body<T> {
      T call() throws IOException, InputFileException;
    }

    private final Thread thread;
    private T value;
    private Throwable failure;

    private Read(String name, Body<T> body) {
      thread = new Thread(() -> {
        try {
          value = body.call();
        } catch (Throwable t) {
          failure = t;
        }
      }, "pagorecon-read-" + name);
      thread.setDaemon(true);
    }

    static <T> Read<T> start(String name, Body<T> body) {
      Read<T> r = new Read<>(name, body);
      r.thread.start();
      return r;
    }

    void await() {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    T join() throws IOException, InputFileException {
      await();
      if (failure instanceof IOException e) {
        throw e;
      }
      if (failure instanceof InputFileException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return value;
    }
  }
}
