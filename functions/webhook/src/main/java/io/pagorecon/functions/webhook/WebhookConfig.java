package io.pagorecon.functions.webhook;

import io.pagorecon.aws.LiveAssuranceWiring;
import io.pagorecon.core.Stage;
import io.pagorecon.core.config.Environment;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * WebhookFunction's settings, read once from the environment (template.yaml sets them) and
 * validated at init; a bad value fails naming its variable. Client settings ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL}, {@code S3_FORCE_PATH_STYLE}) are read by {@code AwsClients}.
 */
public record WebhookConfig(
    String paymentsTable,
    String dataBucket,
    String secretArn,
    Stage stage,
    Duration secretTtl,
    ZoneId businessZone,
    LiveAssuranceWiring assurance) {

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String DATA_BUCKET = "DATA_BUCKET";
  public static final String PAGOEFECTIVO_SECRET_ARN = "PAGOEFECTIVO_SECRET_ARN";
  public static final String STAGE = "STAGE";
  public static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";

  /** Every variable this record reads (the README table and the template must agree). */
  public static final java.util.List<String> KEYS = java.util.stream.Stream.concat(
      java.util.stream.Stream.of(PAYMENTS_TABLE, DATA_BUCKET, PAGOEFECTIVO_SECRET_ARN, STAGE, SECRET_TTL_SECONDS, BUSINESS_ZONE),
      LiveAssuranceWiring.KEYS.stream()).toList();

  static final long DEFAULT_SECRET_TTL_SECONDS = 300;

  public WebhookConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(dataBucket, DATA_BUCKET);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(assurance, "assurance");
  }

  public static WebhookConfig fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    Stage stage = vars.stage(STAGE);
    ZoneId zone = vars.zone(BUSINESS_ZONE, "America/Lima");
    return new WebhookConfig(
        vars.required(PAYMENTS_TABLE),
        vars.required(DATA_BUCKET),
        vars.required(PAGOEFECTIVO_SECRET_ARN),
        stage,
        Duration.ofSeconds(vars.number(SECRET_TTL_SECONDS, DEFAULT_SECRET_TTL_SECONDS, 0, 86_400)),
        zone,
        LiveAssuranceWiring.fromEnvironment(env));
  }
}
