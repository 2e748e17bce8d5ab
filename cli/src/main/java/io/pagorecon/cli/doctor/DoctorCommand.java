package io.pagorecon.cli.doctor;

import io.pagorecon.functions.doctor.Doctor;
import io.pagorecon.functions.doctor.DoctorTarget;
import io.pagorecon.functions.doctor.Finding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.pagorecon.aws.AwsClients;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.core.secrets.SecretUnavailableException;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pagorecon doctor}: checks a stack and its PagoEfectivo account, one line per check
 * ({@code PASS|WARN|FAIL <check> <finding> — <what to do>}). Exit 0 no FAIL, 1 some FAIL, 2
 * usage, 3 could not run. Credentials never come from flags.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    header = "Check a stack and its PagoEfectivo account, cause by cause.",
    description = {
      "Checks a stack and its PagoEfectivo account: credentials, ip-allowlist, tls, webhook-endpoint, clock-skew, daily-limit, pipeline "
          + "(docs/doctor.md). One line per check: PASS|WARN|FAIL <check> <finding> — <what to do>; --json for machines. With --aws, everything "
          + "comes from the environment the stack's functions get. Otherwise give --pagoefectivo-url (and --webhook-url); credentials come from "
          + "the environment, never from flags."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon doctor --pagoefectivo-url https://pre1a.services.pagoefectivo.pe/v1/ --webhook-url https://example.org/webhooks/pagoefectivo",
      "  ./pagorecon doctor --aws --json",
      "",
      "Environment: PAGOEFECTIVO_ACCESS_KEY, PAGOEFECTIVO_SECRET_KEY, PAGOEFECTIVO_ID_SERVICE (explicit endpoints); with --aws "
          + "PAGOEFECTIVO_SECRET_ARN, PAYMENTS_TABLE, DATA_BUCKET, STAGE, AWS_REGION and the AWS credentials chain.",
      "",
      "Exit status:",
      "  0  no check failed",
      "  1  some check failed",
      "  2  bad input or usage",
      "  3  the checks could not run"
    })
public final class DoctorCommand implements Callable<Integer> {

  public static final String DAILY_LIMIT = DoctorTarget.DAILY_LIMIT;
  public static final String DEAD_LETTER_QUEUES = DoctorTarget.DEAD_LETTER_QUEUES;

  private final CliContext context;
  private final Function<Doctor.Settings, Doctor> doctors;

  @Option(names = "--aws", description = "Check the stack the environment names (like serve --aws).")
  boolean aws;

  @Option(names = "--pagoefectivo-url", paramLabel = "URL", description = "PagoEfectivo API base, e.g. https://pre1a.services.pagoefectivo.pe/v1/.")
  URI pagoEfectivoUrl;

  @Option(names = "--webhook-url", paramLabel = "URL", description = "The webhook endpoint registered with PagoEfectivo.")
  URI webhookUrl;

  @Option(names = "--daily-limit", paramLabel = "AMOUNT", description = "The account's daily limit in PEN (default: $" + DAILY_LIMIT + ").")
  BigDecimal dailyLimit;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  public DoctorCommand(CliContext context) {
    this(context, s -> new Doctor(s.clock()));
  }

  public DoctorCommand(CliContext context, Function<Doctor.Settings, Doctor> doctors) {
    this.context = Objects.requireNonNull(context, "context");
    this.doctors = Objects.requireNonNull(doctors, "doctors");
  }

  @Override
  public Integer call() {
    Map<String, String> env = context.env();
    if (aws == (pagoEfectivoUrl != null)) {
      context.err().println("pagorecon doctor: give either --aws or --pagoefectivo-url URL");
      return ExitCodes.BAD_INPUT;
    }
    Optional<BigDecimal> limit;
    try {
      limit = dailyLimit != null ? Optional.of(dailyLimit) : DoctorTarget.dailyLimit(env);
    } catch (IllegalArgumentException e) {
      context.err().println("pagorecon doctor: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (limit.isPresent() && limit.get().signum() < 0) {
      context.err().println("pagorecon doctor: the daily limit must not be negative");
      return ExitCodes.BAD_INPUT;
    }
    AwsClients clients = null;
    try {
      DoctorTarget target;
      if (aws) {
        clients = AwsClients.fromEnvironment(env);
        target = DoctorTarget.fromStackEnvironment(env, clients, Optional.ofNullable(webhookUrl), limit);
      } else {
        Optional<PagoEfectivoCredentials> creds = credentialsFromEnvironment(env);
        if (creds.isEmpty()) {
          context.err().println("pagorecon doctor: set PAGOEFECTIVO_ACCESS_KEY, PAGOEFECTIVO_SECRET_KEY and PAGOEFECTIVO_ID_SERVICE");
          return ExitCodes.BAD_INPUT;
        }
        target = new DoctorTarget(pagoEfectivoUrl, Optional.ofNullable(webhookUrl), creds.get(), limit, Optional.empty());
      }
      List<Finding> findings = doctors.apply(new Doctor.Settings(context.clock())).run(target, true);
      print(findings);
      return Doctor.exitCode(findings);
    } catch (IllegalArgumentException e) {
      context.err().println("pagorecon doctor: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    } catch (SecretUnavailableException | software.amazon.awssdk.core.exception.SdkException e) {
      context.err().println("pagorecon doctor: could not run: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    } finally {
      if (clients != null) {
        clients.close();
      }
    }
  }

  static Optional<PagoEfectivoCredentials> credentialsFromEnvironment(Map<String, String> env) {
    String a = env.get("PAGOEFECTIVO_ACCESS_KEY");
    String s = env.get("PAGOEFECTIVO_SECRET_KEY");
    String i = env.get("PAGOEFECTIVO_ID_SERVICE");
    if (a == null || s == null || i == null || a.isBlank() || s.isBlank() || i.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new PagoEfectivoCredentials(a.strip(), s.strip(), i.strip()));
  }

  private void print(List<Finding> findings) {
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ArrayNode a = m.createArrayNode();
      findings.forEach(f -> a.addObject().put("check", f.check()).put("verdict", f.verdict().name()).put("finding", f.finding())
          .put("todo", f.todo()));
      context.out().println(m.createObjectNode().put("fail", Doctor.exitCode(findings) != 0).set("checks", a).toPrettyString());
    } else {
      findings.forEach(f -> context.out().println(f.line()));
    }
    context.out().flush();
  }
}
