package io.pagorecon.functions.sync;

import io.pagorecon.aws.LiveAssuranceWiring;
import io.pagorecon.aws.ApiJournals;
import io.pagorecon.core.Stage;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.sync.CheckSchedule;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * SyncFunction's settings, read once from the environment and validated at init; a bad value
 * fails naming its variable. The check schedule is configuration: {@code SYNC_CHECK_OFFSETS}
 * (from creation, e.g. {@code 10m,1h,6h}), then every {@code SYNC_CHECK_EVERY}, until {@code
 * SYNC_GRACE_AFTER_EXPIRY} past expiry.
 */
public record SyncConfig(
    String paymentsTable,
    String alertsTopicArn,
    String secretArn,
    Stage stage,
    ZoneId businessZone,
    Duration secretTtl,
    CheckSchedule schedule,
    int maxPerRun,
    PagoEfectivoSettings pagoEfectivo,
    LiveAssuranceWiring assurance,
    Duration orderOpenFor) {

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String PAGOEFECTIVO_SECRET_ARN = "PAGOEFECTIVO_SECRET_ARN";
  public static final String STAGE = "STAGE";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";
  public static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";
  public static final String SYNC_CHECK_OFFSETS = "SYNC_CHECK_OFFSETS";
  public static final String SYNC_CHECK_EVERY = "SYNC_CHECK_EVERY";
  public static final String SYNC_GRACE_AFTER_EXPIRY = "SYNC_GRACE_AFTER_EXPIRY";
  public static final String SYNC_MAX_PER_RUN = "SYNC_MAX_PER_RUN";
  /** Hours after which an unpaid order is cancelled (order.expired); 0 disables the auto-cancel. */
  public static final String ORDER_OPEN_HOURS = "ORDER_OPEN_HOURS";

  public static final List<String> KEYS = Stream.concat(
      Stream.of(PAYMENTS_TABLE, ALERTS_TOPIC_ARN, PAGOEFECTIVO_SECRET_ARN, STAGE, BUSINESS_ZONE, SECRET_TTL_SECONDS,
          SYNC_CHECK_OFFSETS, SYNC_CHECK_EVERY, SYNC_GRACE_AFTER_EXPIRY, SYNC_MAX_PER_RUN, ORDER_OPEN_HOURS),
      Stream.concat(PagoEfectivoSettings.KEYS.stream(), Stream.concat(LiveAssuranceWiring.KEYS.stream(), ApiJournals.KEYS.stream()))).distinct().toList();

  public SyncConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(alertsTopicArn, ALERTS_TOPIC_ARN);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(schedule, SYNC_CHECK_OFFSETS);
    Objects.requireNonNull(pagoEfectivo, "pagoEfectivo");
    Objects.requireNonNull(assurance, "assurance");
    Objects.requireNonNull(orderOpenFor, ORDER_OPEN_HOURS);
  }

  /** The auto-cancel is on (ORDER_OPEN_HOURS &gt; 0). */
  public boolean autoCancel() {
    return !orderOpenFor.isZero();
  }

  public static SyncConfig fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    Stage stage = vars.stage(STAGE);
    ZoneId zone = vars.zone(BUSINESS_ZONE, "America/Lima");
    CheckSchedule schedule;
    try {
      schedule = CheckSchedule.parseOffsets(vars.optional(SYNC_CHECK_OFFSETS).orElse("10m,1h,6h"),
          CheckSchedule.parseDuration(vars.optional(SYNC_CHECK_EVERY).orElse("1d")),
          CheckSchedule.parseDuration(vars.optional(SYNC_GRACE_AFTER_EXPIRY).orElse("1d")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(SYNC_CHECK_OFFSETS + "/" + SYNC_CHECK_EVERY + "/" + SYNC_GRACE_AFTER_EXPIRY + ": " + e.getMessage(), e);
    }
    return new SyncConfig(vars.required(PAYMENTS_TABLE), vars.required(ALERTS_TOPIC_ARN), vars.required(PAGOEFECTIVO_SECRET_ARN), stage,
        zone, Duration.ofSeconds(vars.number(SECRET_TTL_SECONDS, 300, 0, 86_400)), schedule,
        (int) vars.number(SYNC_MAX_PER_RUN, 500, 1, 5000), PagoEfectivoSettings.fromEnvironment(env, stage == Stage.PRODUCTION),
        LiveAssuranceWiring.fromEnvironment(env), Duration.ofHours(vars.number(ORDER_OPEN_HOURS, 24, 0, 8760)));
  }
}
