package io.pagorecon.functions.reconcile;

import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.money.Money;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * ReconcileFunction's settings, read once from the environment (template.yaml sets them) and
 * validated at init; a bad value fails naming its variable. Client settings ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL}, {@code S3_FORCE_PATH_STYLE}) are read by {@code AwsClients}.
 */
public record ReconcileFunctionConfig(
    String paymentsTable,
    String ledgerTable,
    String dataBucket,
    String alertsTopicArn,
    Stage stage,
    ZoneId businessZone,
    Optional<ZoneId> sellerZone,
    OrdersFormat ordersFormat,
    int ordersLookbackDays,
    AlertPolicy alertPolicy,
    Duration lateWebhookAfter,
    Duration openOrderFor) {

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String LEDGER_TABLE = "LEDGER_TABLE";
  public static final String DATA_BUCKET = "DATA_BUCKET";
  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String STAGE = "STAGE";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";
  public static final String SELLER_ZONE = "SELLER_ZONE";
  public static final String ORDERS_FORMAT = "ORDERS_FORMAT";
  public static final String ORDERS_LOOKBACK_DAYS = "ORDERS_LOOKBACK_DAYS";
  public static final String ALERT_LANGUAGE = "ALERT_LANGUAGE";
  public static final String ALERT_MIN_COUNT = "ALERT_MIN_COUNT";
  public static final String ALERT_MIN_AMOUNT = "ALERT_MIN_AMOUNT";
  public static final String DAILY_SUMMARY = "DAILY_SUMMARY";
  public static final String LATE_WEBHOOK_MINUTES = "LATE_WEBHOOK_MINUTES";
  public static final String OPEN_ORDER_HOURS = "OPEN_ORDER_HOURS";

  /** Every variable this record reads (the README table and the template must agree). */
  public static final List<String> KEYS = List.of(PAYMENTS_TABLE, LEDGER_TABLE, DATA_BUCKET, ALERTS_TOPIC_ARN, STAGE, BUSINESS_ZONE,
      SELLER_ZONE, ORDERS_FORMAT, ORDERS_LOOKBACK_DAYS, ALERT_LANGUAGE, ALERT_MIN_COUNT, ALERT_MIN_AMOUNT, DAILY_SUMMARY, LATE_WEBHOOK_MINUTES, OPEN_ORDER_HOURS);

  /** How many of the largest items an alert lists. */
  static final int LARGEST_ITEMS = 5;

  public ReconcileFunctionConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(ledgerTable, LEDGER_TABLE);
    Objects.requireNonNull(dataBucket, DATA_BUCKET);
    Objects.requireNonNull(alertsTopicArn, ALERTS_TOPIC_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(sellerZone, SELLER_ZONE);
    Objects.requireNonNull(ordersFormat, ORDERS_FORMAT);
    Objects.requireNonNull(alertPolicy, "alertPolicy");
    Objects.requireNonNull(lateWebhookAfter, LATE_WEBHOOK_MINUTES);
    Objects.requireNonNull(openOrderFor, OPEN_ORDER_HOURS);
  }

  public static ReconcileFunctionConfig fromEnvironment(Map<String, String> env) {
    String stageText = required(env, STAGE);
    Stage stage = Stage.parse(stageText)
        .orElseThrow(() -> new IllegalArgumentException(STAGE + " must be sandbox or production, was '" + stageText + "'"));
    String formatText = optional(env, ORDERS_FORMAT).orElse("canonical");
    OrdersFormat format = OrdersFormat.preset(formatText)
        .orElseThrow(() -> new IllegalArgumentException(ORDERS_FORMAT + " must be canonical or shopify, was '" + formatText + "'"));
    String languageText = optional(env, ALERT_LANGUAGE).orElse("zh");
    AlertLanguage language = AlertLanguage.parse(languageText)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_LANGUAGE + " must be zh, en or es, was '" + languageText + "'"));
    String amountText = optional(env, ALERT_MIN_AMOUNT).orElse("0");
    BigDecimal minAmount = Money.parseAmount(amountText).filter(a -> a.signum() >= 0)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_MIN_AMOUNT + " must be a non-negative amount like 500.00, was '" + amountText + "'"));
    AlertPolicy policy = new AlertPolicy(language, whole(env, ALERT_MIN_COUNT, 0, 0, Integer.MAX_VALUE), minAmount,
        bool(env, DAILY_SUMMARY), LARGEST_ITEMS);
    return new ReconcileFunctionConfig(
        required(env, PAYMENTS_TABLE),
        required(env, LEDGER_TABLE),
        required(env, DATA_BUCKET),
        required(env, ALERTS_TOPIC_ARN),
        stage,
        zone(env, BUSINESS_ZONE).orElse(ZoneId.of("America/Lima")),
        zone(env, SELLER_ZONE),
        format,
        (int) whole(env, ORDERS_LOOKBACK_DAYS, 0, 0, 31),
        policy,
        Duration.ofMinutes(whole(env, LATE_WEBHOOK_MINUTES, 30, 0, 10_080)),
        Duration.ofHours(whole(env, OPEN_ORDER_HOURS, 24, 0, 8_760)));
  }

  private static Optional<ZoneId> zone(Map<String, String> env, String name) {
    Optional<String> text = optional(env, name);
    try {
      return text.map(ZoneId::of);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(name + " is not a time zone id (e.g. Asia/Shanghai): '" + text.get() + "'", e);
    }
  }

  private static boolean bool(Map<String, String> env, String name) {
    String text = optional(env, name).orElse("false").toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(name + " must be true or false, was '" + text + "'");
    }
    return text.equals("true");
  }

  private static long whole(Map<String, String> env, String name, long defaultValue, long min, long max) {
    Optional<String> text = optional(env, name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.get());
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text.get() + "'", e);
    }
  }

  private static String required(Map<String, String> env, String name) {
    return optional(env, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
