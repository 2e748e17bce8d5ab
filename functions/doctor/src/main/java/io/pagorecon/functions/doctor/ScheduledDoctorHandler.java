package io.pagorecon.functions.doctor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.SnsAlertPublisher;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.alert.AlertPublisher;
import io.pagorecon.core.json.PlainJson;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DoctorFunction: once a day the doctor's checks without side effects (no webhook probe) against
 * this stack; at the statement deadline ({@code {"trigger":"statement-deadline"}}) only the
 * {@code pipeline} check. One alert through the alerts topic when a check fails. Thin: validate
 * the event, run the checks, alert, answer and log one line.
 */
public final class ScheduledDoctorHandler implements RequestStreamHandler {

  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String STATEMENT_DEADLINE_TRIGGER = "statement-deadline";

  private final Doctor doctor;
  private final Supplier<DoctorTarget> target;
  private final AlertPublisher alerts;
  private final String stage;
  private final PrintStream log;

  /** Lambda's constructor: clients once per execution environment; the secret is read per run. */
  public ScheduledDoctorHandler() {
    this(System.getenv(), AwsClients.fromEnvironment(System.getenv()), Clock.systemUTC());
  }

  /** Wires from the given environment, as Lambda's constructor does from the real one (the local stack uses it). */
  public ScheduledDoctorHandler(Map<String, String> env, AwsClients clients, Clock clock) {
    this(new Doctor(clock), () -> DoctorTarget.fromStackEnvironment(env, clients, Optional.empty(), Optional.empty()),
        new SnsAlertPublisher(clients.sns(), required(env, ALERTS_TOPIC_ARN)), required(env, "STAGE"), System.out);
  }

  public ScheduledDoctorHandler(Doctor doctor, Supplier<DoctorTarget> target, AlertPublisher alerts, String stage, PrintStream log) {
    this.doctor = Objects.requireNonNull(doctor, "doctor");
    this.target = Objects.requireNonNull(target, "target");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.log = Objects.requireNonNull(log, "log");
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return v;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : "local";
    byte[] body = input.readAllBytes();
    String problem = problem(body);
    if (problem != null) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("code", ErrorCode.INVALID_FIELD.name());
      answer.put("message", problem);
      answer.put("requestId", requestId);
      log.println(PlainJson.write(withLevel(answer, "WARN", "doctor_rejected")));
      output.write(PlainJson.write(answer).getBytes(StandardCharsets.UTF_8));
      return;
    }
    boolean deadline = STATEMENT_DEADLINE_TRIGGER.equals(PlainJson.text(PlainJson.parse(body), "trigger"));
    List<Finding> findings = deadline ? doctor.pipeline(target.get()) : doctor.run(target.get(), false);
    List<Finding> failed = findings.stream().filter(f -> f.verdict() == Finding.Verdict.FAIL).toList();
    if (!failed.isEmpty()) {
      alerts.publish(alert(failed, deadline ? "statement deadline" : "daily"));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("requestId", requestId);
    answer.put("run", deadline ? "statement-deadline" : "daily");
    answer.put("failed", failed.size());
    answer.put("checks", findings.stream().map(f -> {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("check", f.check());
      check.put("verdict", f.verdict().name());
      check.put("finding", f.finding());
      return check;
    }).toList());
    log.println(PlainJson.write(withLevel(answer, failed.isEmpty() ? "INFO" : "ERROR", "doctor_outcome")));
    output.write(PlainJson.write(answer).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> withLevel(Map<String, Object> answer, String level, String event) {
    Map<String, Object> line = new LinkedHashMap<>(answer);
    line.put("level", level);
    line.put("event", event);
    return line;
  }

  Alert alert(List<Finding> failed, String run) {
    StringBuilder body = new StringBuilder("pagorecon doctor (" + run + ", " + stage + "): " + failed.size() + " check(s) failed.\n\n");
    failed.forEach(f -> body.append("- ").append(f.line()).append('\n'));
    body.append("\nRun `./pagorecon doctor --aws` for every check; what each means: docs/doctor.md.\n");
    return new Alert("pagorecon " + stage + ": doctor found " + failed.size() + " failing check(s): "
        + String.join(", ", failed.stream().map(Finding::check).toList()), body.toString(), Alert.Severity.HIGH, stage);
  }

  /** Null when the event is a valid scheduler input: an object with at most {@code trigger}. */
  static String problem(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    Object event;
    try {
      event = PlainJson.parse(body);
    } catch (IOException e) {
      return "the event is not JSON";
    }
    if (event == null) {
      return null;
    }
    if (!(event instanceof Map<?, ?> fields)) {
      return "the event must be a JSON object";
    }
    for (Object field : fields.keySet()) {
      if (!field.equals("trigger")) {
        return "unknown field '" + field + "' (allowed: trigger)";
      }
    }
    return null;
  }
}
