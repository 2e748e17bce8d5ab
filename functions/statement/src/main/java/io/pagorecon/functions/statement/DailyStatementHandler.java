package io.pagorecon.functions.statement;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.statement.SlicePlan;
import io.pagorecon.core.statement.SlicedStatement;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.statement.StatementResult;
import io.pagorecon.functions.statement.internal.StatementWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * StatementFunction: EventBridge Scheduler at 02:00 Lima builds the previous business day's
 * statement; an on-demand invocation with {@code {"businessDate":"YYYY-MM-DD"}} builds that day
 * (re-runs replace it). A day larger than one slice ({@code STATEMENT_SLICE_CIPS}) is planned and
 * its slices queued for StatementSliceFunction ({@link StatementSliceHandler}), which publishes it. Thin: decode, validate, call {@link StatementBuilder}, encode, log one line.
 * Bad input is answered with {@code {code, message}} and never retried; a storage fault throws so
 * the Scheduler retries.
 */
public final class DailyStatementHandler implements RequestStreamHandler {

  static final Set<String> FIELDS = Set.of("businessDate", "trigger");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatementBuilder builder;
  private final Clock clock;
  private final PrintStream log;
  private final InvocationJournal journal;
  private final Optional<SlicedStatement> sliced;

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public DailyStatementHandler() {
    this(StatementWiring.fromEnvironment(System.getenv(), Clock.systemUTC()), Clock.systemUTC(), System.out);
  }

  public DailyStatementHandler(StatementWiring wiring, Clock clock, PrintStream log) {
    this(wiring.builder(), clock, log, wiring.journal(), wiring.sliced());
  }

  public DailyStatementHandler(StatementBuilder builder, Clock clock, PrintStream log) {
    this(builder, clock, log, InvocationJournal.discarding());
  }

  public DailyStatementHandler(StatementBuilder builder, Clock clock, PrintStream log, InvocationJournal journal) {
    this(builder, clock, log, journal, Optional.empty());
  }

  /** With {@code sliced}, a day larger than one slice is planned and queued instead of built here. */
  public DailyStatementHandler(StatementBuilder builder, Clock clock, PrintStream log, InvocationJournal journal,
      Optional<SlicedStatement> sliced) {
    this.sliced = Objects.requireNonNull(sliced, "sliced");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Instant now = clock.instant();
    String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local";
    ObjectNode answer;
    LocalDate date;
    try {
      date = businessDate(input.readAllBytes(), now);
    } catch (IllegalArgumentException e) {
      answer = JSON.createObjectNode().put("code", ErrorCode.INVALID_FIELD.name()).put("message", e.getMessage()).put("requestId", requestId);
      logLine(answer.deepCopy().put("event", "statement_rejected").put("level", "WARN"));
      output.write(JSON.writeValueAsBytes(answer));
      return;
    }
    StatementResult result;
    try {
      SlicedStatement.Planned planned = sliced.isPresent() ? sliced.get().plan(date, now)
          : new SlicedStatement.Planned.Built(builder.build(date, now));
      if (planned instanceof SlicedStatement.Planned.Queued queued) {
        SlicePlan plan = queued.plan();
        answer = JSON.createObjectNode().put("businessDate", date.toString()).put("requestId", requestId).put("status", "SLICED")
            .put("runId", plan.runId()).put("slices", plan.slices()).put("queried", plan.queried());
        logLine(answer.deepCopy().put("event", "statement_sliced").put("level", "INFO").put("stage", journal.stage().wireName()));
        output.write(JSON.writeValueAsBytes(answer));
        return;
      }
      result = ((SlicedStatement.Planned.Built) planned).result();
    } finally {
      journal.flushQuietly(requestId).ifPresent(e -> logLine(JSON.createObjectNode().put("level", "WARN")
          .put("event", "journal_write_failed").put("requestId", requestId).put("reason", e.getMessage())));
    }
    answer = JSON.createObjectNode().put("businessDate", date.toString()).put("requestId", requestId);
    if (result instanceof StatementResult.Published p) {
      answer.put("status", "PUBLISHED").put("rows", p.manifest().rowCount()).put("queried", p.manifest().queried())
          .put("notFound", p.manifest().notFound().size()).put("conflicts", p.manifest().conflicts().size())
          .put("sha256", p.manifest().sha256());
    } else {
      StatementResult.Failed f = (StatementResult.Failed) result;
      answer.put("status", "FAILED").put("reason", f.reason()).put("failedCount", f.failedCips().size());
    }
    ObjectNode line = answer.deepCopy().put("event", "statement_outcome").put("level", result instanceof StatementResult.Published ? "INFO" : "ERROR")
        .put("stage", journal.stage().wireName()).put("statementsPublished", result instanceof StatementResult.Published ? 1 : 0)
        .put("statementsFailed", result instanceof StatementResult.Published ? 0 : 1);
    line.set("_aws", metrics(now, "pagorecon/statement", "statementsPublished", "statementsFailed"));
    logLine(line);
    output.write(JSON.writeValueAsBytes(answer));
  }

  /** The requested date, or the previous business day for a scheduled run; never today or later. */
  LocalDate businessDate(byte[] body, Instant now) {
    JsonNode event;
    try {
      event = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the event is not JSON");
    }
    if (event == null || event.isNull() || event.isMissingNode()) {
      event = JSON.createObjectNode();
    }
    if (!event.isObject()) {
      throw new IllegalArgumentException("the event must be a JSON object");
    }
    for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field '" + field + "' (allowed: businessDate, trigger)");
      }
    }
    JsonNode date = event.get("businessDate");
    LocalDate latest = builder.defaultDate(now);
    if (date == null || date.isNull()) {
      return latest;
    }
    if (!date.isTextual() || !date.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("businessDate must be a date written YYYY-MM-DD");
    }
    LocalDate parsed;
    try {
      parsed = LocalDate.parse(date.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("businessDate '" + date.asText() + "' is not a calendar date");
    }
    if (parsed.isAfter(latest)) {
      throw new IllegalArgumentException("businessDate " + parsed + " is not over yet in the business zone (latest: " + latest + ")");
    }
    return parsed;
  }

  /** CloudWatch embedded metrics (counts by stage) read from the line's own fields; the template's alarms watch them. */
  static ObjectNode metrics(Instant at, String namespace, String... names) {
    ObjectNode aws = JSON.createObjectNode().put("Timestamp", at.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", namespace);
    directive.putArray("Dimensions").addArray().add("stage");
    var metrics = directive.putArray("Metrics");
    for (String n : names) {
      metrics.addObject().put("Name", n).put("Unit", "Count");
    }
    return aws;
  }

  private void logLine(ObjectNode line) {
    try {
      log.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the log line", e);
    }
  }
}
