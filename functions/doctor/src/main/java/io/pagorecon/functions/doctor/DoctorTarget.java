package io.pagorecon.functions.doctor;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.Stage;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the doctor examines, already resolved (from flags and the environment, or from a stack):
 * the PagoEfectivo API base, the webhook endpoint, the credentials, the daily limit, and the stack's
 * resources when there is one. Commands that resolve a stack differently only build this.
 */
public record DoctorTarget(
    URI pagoEfectivoBase,
    Optional<URI> webhookUrl,
    PagoEfectivoCredentials credentials,
    Optional<BigDecimal> dailyLimit,
    Optional<StackChecks.Stack> stack) {

  public DoctorTarget {
    Objects.requireNonNull(pagoEfectivoBase, "pagoEfectivoBase");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(dailyLimit, "dailyLimit");
    Objects.requireNonNull(stack, "stack");
    if (!pagoEfectivoBase.toString().endsWith("/")) {
      pagoEfectivoBase = URI.create(pagoEfectivoBase + "/");
    }
  }

  /** Optional: the account's daily limit in PEN, as agreed with PagoEfectivo. */
  public static final String DAILY_LIMIT = "PAGOEFECTIVO_DAILY_LIMIT";
  /** Optional: the webhook URL (the stack's WebhookUrl output). */
  public static final String WEBHOOK_URL = "PAGORECON_WEBHOOK_URL";
  /** Optional: dead-letter queue URLs to watch, comma-separated. */
  public static final String DEAD_LETTER_QUEUES = "PAGORECON_DEAD_LETTER_QUEUE_URLS";
  public static final String STATEMENT_DEADLINE = "STATEMENT_DEADLINE_HOUR_LIMA";
  /** Every variable {@link #fromStackEnvironment} reads. */
  public static final List<String> KEYS = List.of("STAGE", "PAGOEFECTIVO_SECRET_ARN", "PAYMENTS_TABLE", "DATA_BUCKET", DAILY_LIMIT,
      WEBHOOK_URL, DEAD_LETTER_QUEUES, STATEMENT_DEADLINE);

  /**
   * The stack the environment names, as its functions see it: credentials from the PagoEfectivo
   * secret, the API base from {@code PAGOEFECTIVO_BASE_URL} or the stage, the table, bucket and
   * dead-letter queues. {@code webhookUrl} and {@code dailyLimit} given here win over the environment.
   *
   * @throws IllegalArgumentException naming a missing or invalid variable
   */
  public static DoctorTarget fromStackEnvironment(Map<String, String> env, AwsClients clients, Optional<URI> webhookUrl,
      Optional<BigDecimal> dailyLimit) {
    Stage stage = Stage.parse(env.get("STAGE")).orElseThrow(() -> new IllegalArgumentException("STAGE must be sandbox or production"));
    String secretArn = required(env, "PAGOEFECTIVO_SECRET_ARN");
    PagoEfectivoCredentials creds = PagoEfectivoCredentials.fromSecret(new SecretsManagerSecretSource(clients.secretsManager()).fields(secretArn));
    URI base = PagoEfectivoSettings.fromEnvironment(env, stage == Stage.PRODUCTION).baseUrl();
    List<String> dlqs = Optional.ofNullable(env.get(DEAD_LETTER_QUEUES)).map(v -> Arrays.stream(v.split(",")).map(String::strip)
        .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    Optional<URI> webhook = webhookUrl.or(() -> Optional.ofNullable(env.get(WEBHOOK_URL)).filter(v -> !v.isBlank()).map(URI::create));
    Optional<BigDecimal> limit = dailyLimit.or(() -> dailyLimit(env));
    return new DoctorTarget(base, webhook, creds, limit, Optional.of(new StackChecks.Stack(clients, stage,
        required(env, "PAYMENTS_TABLE"), required(env, "DATA_BUCKET"), dlqs, statementDeadline(env))));
  }

  /** {@value #STATEMENT_DEADLINE}: the Lima hour (0–23) by which yesterday's statement must be published; 4 when unset. */
  public static LocalTime statementDeadline(Map<String, String> env) {
    String v = Optional.ofNullable(env.get(STATEMENT_DEADLINE)).map(String::strip).orElse("");
    if (v.isEmpty()) {
      return StackChecks.STATEMENT_DUE;
    }
    try {
      int hour = Integer.parseInt(v);
      if (hour < 0 || hour > 23) {
        throw new IllegalArgumentException(STATEMENT_DEADLINE + " must be an hour from 0 to 23: " + v);
      }
      return LocalTime.of(hour, 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(STATEMENT_DEADLINE + " must be an hour from 0 to 23: " + v);
    }
  }

  /** {@value #DAILY_LIMIT}, when set. */
  public static Optional<BigDecimal> dailyLimit(Map<String, String> env) {
    Optional<String> v = Optional.ofNullable(env.get(DAILY_LIMIT)).map(String::strip).filter(x -> !x.isEmpty() && !x.equals("0"));
    try {
      Optional<BigDecimal> limit = v.map(BigDecimal::new);
      if (limit.isPresent() && limit.get().signum() < 0) {
        throw new IllegalArgumentException(DAILY_LIMIT + " must not be negative");
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(DAILY_LIMIT + " is not an amount: " + v.orElse(""));
    }
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is not set (it comes from the stack's environment)");
    }
    return v.strip();
  }
}
