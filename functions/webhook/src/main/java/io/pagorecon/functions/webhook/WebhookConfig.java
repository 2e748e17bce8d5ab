package io.pagorecon.functions.webhook;

import io.pagorecon.core.Stage;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    ZoneId businessZone) {

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String DATA_BUCKET = "DATA_BUCKET";
  public static final String PAGOEFECTIVO_SECRET_ARN = "PAGOEFECTIVO_SECRET_ARN";
  public static final String STAGE = "STAGE";
  public static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";

  /** Every variable this record reads (the README table and the template must agree). */
  public static final java.util.List<String> KEYS = java.util.List.of(
      PAYMENTS_TABLE, DATA_BUCKET, PAGOEFECTIVO_SECRET_ARN, STAGE, SECRET_TTL_SECONDS, BUSINESS_ZONE);

  static final long DEFAULT_SECRET_TTL_SECONDS = 300;

  public WebhookConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(dataBucket, DATA_BUCKET);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
  }

  public static WebhookConfig fromEnvironment(Map<String, String> env) {
    String stageText = required(env, STAGE);
    Stage stage = Stage.parse(stageText)
        .orElseThrow(() -> new IllegalArgumentException(STAGE + " must be sandbox or production, was '" + stageText + "'"));
    String zoneText = optional(env, BUSINESS_ZONE).orElse("America/Lima");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(BUSINESS_ZONE + " is not a time zone id: '" + zoneText + "'", e);
    }
    return new WebhookConfig(
        required(env, PAYMENTS_TABLE),
        required(env, DATA_BUCKET),
        required(env, PAGOEFECTIVO_SECRET_ARN),
        stage,
        Duration.ofSeconds(seconds(env, SECRET_TTL_SECONDS, DEFAULT_SECRET_TTL_SECONDS, 0)),
        zone);
  }

  private static String required(Map<String, String> env, String name) {
    return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static long seconds(Map<String, String> env, String name, long defaultValue, long min) {
    Optional<String> text = optional(env, name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.get());
      if (value < min || value > 86_400) {
        throw new IllegalArgumentException(name + " must be between " + min + " and 86400 seconds, was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number of seconds, was '" + text.get() + "'", e);
    }
  }
}
