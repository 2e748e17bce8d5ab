package io.pagorecon.functions.settlement;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.pagorecon.core.daily.SettlementRun;
import io.pagorecon.core.json.PlainJson;
import io.pagorecon.functions.settlement.internal.SettlementWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * SettlementFunction: a settlement export or a bank statement landed (EventBridge), or an operator
 * asked. Thin: decode the event to an as-of date, run {@link SettlementRun}, answer with a JSON
 * summary and log one JSON line. Infrastructure faults throw, so the asynchronous invocation is
 * retried; the run is idempotent.
 */
public final class SettlementFileLandedHandler implements RequestStreamHandler, Resource {


  private final SettlementRun useCase;
  private final Clock clock;
  private final PrintStream log;
  private final Runnable primer;

  /** Lambda's constructor: wires from the environment once per execution environment. */
  public SettlementFileLandedHandler() {
    this(SettlementWiring.fromEnvironment(System.getenv()), Clock.systemUTC());
    Core.getGlobalContext().register(this);
  }

  /** Wires from the given environment, as Lambda's constructor does from the real one (ITs and the local stack use it). */
  public SettlementFileLandedHandler(Map<String, String> env, Clock clock) {
    this(SettlementWiring.fromEnvironment(env), clock);
  }

  SettlementFileLandedHandler(SettlementWiring wiring, Clock clock) {
    this(wiring.useCase(), clock, System.out, wiring.primer());
  }

  SettlementFileLandedHandler(SettlementRun useCase, Clock clock, PrintStream log, Runnable primer) {
    this.useCase = Objects.requireNonNull(useCase, "useCase");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.primer = Objects.requireNonNull(primer, "primer");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String requestId = context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
    SettlementRequest request = SettlementRequest.decode(input.readAllBytes(), clock.instant());
    Map<String, Object> answer = new LinkedHashMap<>();
    if (request.asOf().isEmpty()) {
      answer.put("code", request.code().orElseThrow().name());
      answer.put("message", request.message());
    } else {
      SettlementRun.Outcome o = useCase.run(request.asOf().get(), clock.instant());
      answer.put("outcome", o.kind().name());
      answer.put("asOf", o.asOf().toString());
      o.result().ifPresent(r -> {
        answer.put("discrepancies", r.findings().size());
        answer.put("settlements", r.settlements().size());
      });
      o.ledger().ifPresent(l -> {
        answer.put("opened", l.opened().size());
        answer.put("reopened", l.reopened().size());
        answer.put("autoResolved", l.autoResolved().size());
      });
      answer.put("alerted", o.alerted());
      answer.put("reports", List.copyOf(o.reports()));
      answer.put("problems", List.copyOf(o.problems()));
    }
    answer.put("requestId", requestId);
    Map<String, Object> line = new LinkedHashMap<>(answer);
    line.put("function", "settlement");
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
    // Nothing to refresh: the as-of date comes from each event or from the clock at invocation.
  }
}
