package io.pagorecon.functions.reconcile;

import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.files.OrdersFormat;
import io.pagorecon.core.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
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
  /** {@code CATEGORY=owner;...;default=owner}, read by the wiring (io.pagorecon.core.ledger.CategoryOwners). */
  public static final String CATEGORY_OWNERS = "CATEGORY_OWNERS";

  /** Every variable this record reads (the README table and the template must agree). */
  public static final List<String> KEYS = List.of(PAYMENTS_TABLE, LEDGER_TABLE, DATA_BUCKET, ALERTS_TOPIC_ARN, STAGE, BUSINESS_ZONE,
      SELLER_ZONE, ORDERS_FORMAT, ORDERS_LOOKBACK_DAYS, ALERT_LANGUAGE, ALERT_MIN_COUNT, ALERT_MIN_AMOUNT, DAILY_SUMMARY, LATE_WEBHOOK_MINUTES, OPEN_ORDER_HOURS,
      CATEGORY_OWNERS);

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
    Environment vars = new Environment(env);
    Stage stage = vars.stage(STAGE);
    String formatText = vars.optional(ORDERS_FORMAT).orElse("canonical");
    OrdersFormat format = OrdersFormat.preset(formatText)
        .orElseThrow(() -> new IllegalArgumentException(ORDERS_FORMAT + " must be canonical or shopify, was '" + formatText + "'"));
    String languageText = vars.optional(ALERT_LANGUAGE).orElse("zh");
    AlertLanguage language = AlertLanguage.parse(languageText)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_LANGUAGE + " must be zh, en or es, was '" + languageText + "'"));
    String amountText = vars.optional(ALERT_MIN_AMOUNT).orElse("0");
    BigDecimal minAmount = Money.parseAmount(amountText).filter(a -> a.signum() >= 0)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_MIN_AMOUNT + " must be a non-negative amount like 500.00, was '" + amountText + "'"));
    AlertPolicy policy = new AlertPolicy(language, vars.number(ALERT_MIN_COUNT, 0, 0, Integer.MAX_VALUE), minAmount,
        vars.flag(DAILY_SUMMARY, false), LARGEST_ITEMS);
    return new ReconcileFunctionConfig(
        vars.required(PAYMENTS_TABLE),
        vars.required(LEDGER_TABLE),
        vars.required(DATA_BUCKET),
        vars.required(ALERTS_TOPIC_ARN),
        stage,
        vars.zone(BUSINESS_ZONE, "America/Lima"),
        vars.optionalZone(SELLER_ZONE),
        format,
        (int) vars.number(ORDERS_LOOKBACK_DAYS, 7, 0, 31),
        policy,
        Duration.ofMinutes(vars.number(LATE_WEBHOOK_MINUTES, 30, 0, 10_080)),
        Duration.ofHours(vars.number(OPEN_ORDER_HOURS, 24, 0, 8_760)));
  }
}
