package io.pagorecon.functions.reconcile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.pagorecon.core.Stage;
import io.pagorecon.core.daily.DailyOutcome;
import io.pagorecon.core.daily.DailyReconciliation;
import io.pagorecon.core.json.PlainJson;
import io.pagorecon.functions.reconcile.internal.ReconcileWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * ReconcileFunction: a statement manifest landed (EventBridge), an operator asked for a date, or
 * the schedule fallback fired. Thin: decode the event to a business date, run
 * {@link DailyReconciliation}, answer with a JSON summary and log one JSON line. Infrastructure
 * faults throw, so the asynchronous invocation is retried; the run is idempotent.
 */
public final class StatementLandedReconcileHandler implements RequestStreamHandler, Resource {


  private final DailyReconciliation useCase;
  private final Stage stage;
  private final ZoneId businessZone;
  private final Clock clock;
  private final PrintStream log;
  private final Runnable primer;

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public StatementLandedReconcileHandler() {
    this(System.getenv());
    Core.getGlobalContext().register(this);
  }

  /** Wires from the given environment, as Lambda's constructor does from the real one (ITs use it). */
  StatementLandedReconcileHandler(Map<String, String> env) {
    this(ReconcileWiring.fromEnvironment(env), Clock.systemUTC());
  }

  StatementLandedReconcileHandler(ReconcileWiring wiring, Clock clock) {
    this(wiring.useCase(), wiring.config().stage(), wiring.config().businessZone(), clock, System.out, wiring.primer());
  }

  /** For tests: the use case, its settings and clock, and where the log lines go. */
  public StatementLandedReconcileHandler(DailyReconciliation useCase, Stage stage, ZoneId businessZone, Clock clock, PrintStream log) {
    this(useCase, stage, businessZone, clock, log, () -> {});
  }

  StatementLandedReconcileHandler(DailyReconciliation useCase, Stage stage, ZoneId businessZone, Clock clock, PrintStream log, Runnable primer) {
    this.primer = Objects.requireNonNull(primer, "primer");
    this.useCase = Objects.requireNonNull(useCase, "useCase");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String requestId = context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
    ReconcileRequest request = ReconcileRequest.decode(input.readAllBytes(), stage, businessZone, clock.instant());
    Map<String, Object> answer = new LinkedHashMap<>();
    if (request.date().isEmpty()) {
      answer.put("code", request.code().orElseThrow().name());
      answer.put("message", request.message());
    } else {
      DailyOutcome o = useCase.run(request.date().get(), clock.instant());
      answer.put("outcome", o.kind().name());
      answer.put("businessDate", o.date().toString());
      o.result().ifPresent(r -> {
        answer.put("discrepancies", r.discrepancies().size());
        answer.put("matched", r.matched());
      });
      o.ledger().ifPresent(l -> {
        answer.put("opened", l.opened().size());
        answer.put("reopened", l.reopened().size());
        answer.put("autoResolved", l.autoResolved().size());
      });
      answer.put("alerted", o.alerted());
      answer.put("unreadableWebhooks", o.unreadableWebhooks());
      answer.put("reports", List.copyOf(o.reports()));
      answer.put("problems", List.copyOf(o.problems()));
    }
    answer.put("requestId", requestId);
    Map<String, Object> line = new LinkedHashMap<>(answer);
    line.put("function", "reconcile");
    line.put("trigger", request.trigger());
    line.remove("problems");
    log.println(PlainJson.write(line));
    output.write(PlainJson.write(answer).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    primer.run();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to refresh: the business date comes from each event or from the clock at invocation.
  }
}
