package io.pagorecon.functions.payments;

import io.pagorecon.core.Stage;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** PaymentsApiFunction's settings, read once from the environment; a bad value fails naming its variable. */
public record PaymentsConfig(
    String paymentsTable,
    String secretArn,
    Stage stage,
    ZoneId businessZone,
    Duration secretTtl,
    OrderPayments.Settings settings,
    PagoEfectivoSettings pagoEfectivo) {

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String PAGOEFECTIVO_SECRET_ARN = "PAGOEFECTIVO_SECRET_ARN";
  public static final String STAGE = "STAGE";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";
  public static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";
  public static final String CIP_VALIDITY_MINUTES = "CIP_VALIDITY_MINUTES";
  public static final String CIP_MIN_REMAINING_MINUTES = "CIP_MIN_REMAINING_MINUTES";
  public static final String CREATE_PENDING_MINUTES = "CREATE_PENDING_MINUTES";

  public static final List<String> KEYS = Stream.concat(
      Stream.of(PAYMENTS_TABLE, PAGOEFECTIVO_SECRET_ARN, STAGE, BUSINESS_ZONE, SECRET_TTL_SECONDS, CIP_VALIDITY_MINUTES,
          CIP_MIN_REMAINING_MINUTES, CREATE_PENDING_MINUTES),
      PagoEfectivoSettings.KEYS.stream()).toList();

  public PaymentsConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(pagoEfectivo, "pagoEfectivo");
  }

  public static PaymentsConfig fromEnvironment(Map<String, String> env) {
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
    OrderPayments.Settings std = OrderPayments.Settings.standard();
    OrderPayments.Settings settings = new OrderPayments.Settings(
        Duration.ofMinutes(number(env, CIP_VALIDITY_MINUTES, std.validity().toMinutes(), 10, 180L * 24 * 60)),
        Duration.ofMinutes(number(env, CIP_MIN_REMAINING_MINUTES, std.minRemaining().toMinutes(), 0, 7L * 24 * 60)),
        Duration.ofMinutes(number(env, CREATE_PENDING_MINUTES, std.pendingWindow().toMinutes(), 1, 24L * 60)));
    return new PaymentsConfig(required(env, PAYMENTS_TABLE), required(env, PAGOEFECTIVO_SECRET_ARN), stage, zone,
        Duration.ofSeconds(number(env, SECRET_TTL_SECONDS, 300, 0, 86_400)), settings,
        PagoEfectivoSettings.fromEnvironment(env, stage == Stage.PRODUCTION));
  }

  private static String required(Map<String, String> env, String name) {
    return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static long number(Map<String, String> env, String name, long defaultValue, long min, long max) {
    Optional<String> text = optional(env, name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long v = Long.parseLong(text.get());
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text.get() + "'", e);
    }
  }
}
