package io.pagorecon.functions.settlement;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.daily.SettlementRun;
import io.pagorecon.functions.settlement.internal.SettlementWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
    ObjectNode answer = JSON.createObjectNode();
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
      o.reports().forEach(answer.putArray("reports")::add);
      o.problems().forEach(answer.putArray("problems")::add);
    }
    answer.put("requestId", requestId);
    ObjectNode line = answer.deepCopy();
    line.put("function", "settlement");
    line.put("trigger", request.trigger());
    line.remove("problems");
    log.println(line);
    output.write(JSON.writeValueAsBytes(answer));
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
