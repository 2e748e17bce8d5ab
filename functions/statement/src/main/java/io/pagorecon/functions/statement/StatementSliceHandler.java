package io.pagorecon.functions.statement;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.statement.SliceFailedException;
import io.pagorecon.core.statement.SliceTask;
import io.pagorecon.core.statement.SlicedStatement;
import io.pagorecon.functions.statement.internal.StatementWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * StatementSliceFunction: the statement slice queue's event source mapping hands it one slice
 * task at a time ({@link SliceTask}). It looks the slice's CIPs up at its share of the allowed
 * rate, writes its part, and when every part is written and it wins the claim, publishes the
 * statement (docs/performance.md §10). A slice that fails is reported in {@code batchItemFailures}:
 * the queue retries it alone, and after {@code STATEMENT_SLICE_MAX_RECEIVES} receives moves it to
 * the dead-letter queue (the last attempt alerts). An unreadable task is logged and dropped.
 */
public final class StatementSliceHandler implements RequestStreamHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SlicedStatement sliced;
  private final int maxReceives;
  private final Clock clock;
  private final PrintStream log;
  private final InvocationJournal journal;

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public StatementSliceHandler() {
    this(StatementWiring.forSlices(System.getenv(), Clock.systemUTC()), Clock.systemUTC(), System.out);
  }

  public StatementSliceHandler(StatementWiring wiring, Clock clock, PrintStream log) {
    this(wiring.sliced().orElseThrow(() -> new IllegalStateException("a slice worker needs the sliced statement")),
        wiring.config().slicing().maxReceives(), clock, log, wiring.journal());
  }

  public StatementSliceHandler(SlicedStatement sliced, int maxReceives, Clock clock, PrintStream log, InvocationJournal journal) {
    this.sliced = Objects.requireNonNull(sliced, "sliced");
    this.maxReceives = maxReceives;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local";
    JsonNode event = JSON.readTree(input.readAllBytes());
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode failures = answer.putArray("batchItemFailures");
    for (JsonNode record : event == null ? JSON.createArrayNode() : event.path("Records")) {
      String messageId = record.path("messageId").asText();
      if (!run(record, requestId)) {
        failures.addObject().put("itemIdentifier", messageId);
      }
    }
    output.write(JSON.writeValueAsBytes(answer));
  }

  /** False when the task is to be retried. */
  private boolean run(JsonNode record, String requestId) {
    Instant now = clock.instant();
    SliceTask task;
    try {
      task = SliceTask.parse(record.path("body").asText());
    } catch (IllegalArgumentException e) {
      logLine(JSON.createObjectNode().put("level", "WARN").put("event", "statement_slice_rejected").put("requestId", requestId)
          .put("messageId", record.path("messageId").asText()).put("reason", e.getMessage()));
      return true;
    }
    int receives = record.path("attributes").path("ApproximateReceiveCount").asInt(1);
    boolean last = receives >= maxReceives;
    ObjectNode line = JSON.createObjectNode().put("businessDate", task.businessDate().toString()).put("runId", task.runId())
        .put("slice", task.slice()).put("receives", receives).put("requestId", requestId).put("stage", journal.stage().wireName());
    try {
      SlicedStatement.SliceOutcome outcome = sliced.runSlice(task.businessDate(), task.runId(), task.slice(), last);
      if (outcome instanceof SlicedStatement.SliceOutcome.Published p) {
        line.put("event", "statement_outcome").put("level", "INFO").put("status", "PUBLISHED").put("rows", p.result().manifest().rowCount())
            .put("queried", p.result().manifest().queried()).put("sha256", p.result().manifest().sha256())
            .put("statementsPublished", 1).put("statementsFailed", 0);
        line.set("_aws", DailyStatementHandler.metrics(now, "pagorecon/statement", "statementsPublished", "statementsFailed"));
      } else if (outcome instanceof SlicedStatement.SliceOutcome.Waiting w) {
        line.put("event", "statement_slice_done").put("level", "INFO").put("partsWritten", w.written()).put("slices", w.slices());
      } else {
        line.put("event", "statement_slice_done").put("level", "INFO").put("assembledElsewhere", true);
      }
      logLine(line);
      return true;
    } catch (SliceFailedException e) {
      line.put("event", last ? "statement_outcome" : "statement_slice_failed").put("level", last ? "ERROR" : "WARN")
          .put("reason", e.getMessage()).put("failedCount", e.failedCips().size()).put("retried", !last);
      if (last) {
        line.put("status", "FAILED").put("statementsPublished", 0).put("statementsFailed", 1);
        line.set("_aws", DailyStatementHandler.metrics(now, "pagorecon/statement", "statementsPublished", "statementsFailed"));
      }
      logLine(line);
      return false;
    } catch (RuntimeException e) {
      logLine(line.put("event", "statement_slice_failed").put("level", "ERROR").put("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
          .put("retried", !last));
      return false;
    } finally {
      journal.flushQuietly(requestId).ifPresent(e -> logLine(JSON.createObjectNode().put("level", "WARN")
          .put("event", "journal_write_failed").put("requestId", requestId).put("reason", e.getMessage())));
    }
  }

  private void logLine(ObjectNode line) {
    try {
      log.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the log line", e);
    }
  }
}
