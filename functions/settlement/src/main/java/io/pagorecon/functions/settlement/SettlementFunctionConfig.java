package io.pagorecon.functions.settlement;

import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.AlertPolicy;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.files.ColumnMapping;
import io.pagorecon.core.files.SettlementFileReaders;
import io.pagorecon.core.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SettlementFunction's settings, read once from the environment (template.yaml sets them) and
 * validated at init; a bad value fails naming its variable.
 */
public record SettlementFunctionConfig(
    String ledgerTable,
    String dataBucket,
    String alertsTopicArn,
    Stage stage,
    ColumnMapping bankFormat,
    int settleDays,
    int payoutDays,
    BigDecimal fxTolerancePercent,
    int statementLookbackDays,
    AlertPolicy alertPolicy) {

  public static final String LEDGER_TABLE = "LEDGER_TABLE";
  public static final String DATA_BUCKET = "DATA_BUCKET";
  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String STAGE = "STAGE";
  public static final String BANK_FORMAT = "BANK_FORMAT";
  public static final String SETTLE_DAYS = "SETTLE_DAYS";
  public static final String PAYOUT_DAYS = "PAYOUT_DAYS";
  public static final String FX_TOLERANCE_PERCENT = "FX_TOLERANCE_PERCENT";
  public static final String STATEMENT_LOOKBACK_DAYS = "STATEMENT_LOOKBACK_DAYS";
  public static final String ALERT_LANGUAGE = "ALERT_LANGUAGE";
  public static final String ALERT_MIN_COUNT = "ALERT_MIN_COUNT";
  public static final String ALERT_MIN_AMOUNT = "ALERT_MIN_AMOUNT";
  public static final String DAILY_SUMMARY = "DAILY_SUMMARY";

  /** Every variable this record reads (the README table and the template must agree). */
  public static final List<String> KEYS = List.of(LEDGER_TABLE, DATA_BUCKET, ALERTS_TOPIC_ARN, STAGE, BANK_FORMAT, SETTLE_DAYS, PAYOUT_DAYS,
      FX_TOLERANCE_PERCENT, STATEMENT_LOOKBACK_DAYS, ALERT_LANGUAGE, ALERT_MIN_COUNT, ALERT_MIN_AMOUNT, DAILY_SUMMARY);

  static final int LARGEST_ITEMS = 5;

  public SettlementFunctionConfig {
    Objects.requireNonNull(ledgerTable, LEDGER_TABLE);
    Objects.requireNonNull(dataBucket, DATA_BUCKET);
    Objects.requireNonNull(alertsTopicArn, ALERTS_TOPIC_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(bankFormat, BANK_FORMAT);
    Objects.requireNonNull(fxTolerancePercent, FX_TOLERANCE_PERCENT);
    Objects.requireNonNull(alertPolicy, "alertPolicy");
  }

  public static SettlementFunctionConfig fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    String bankText = vars.optional(BANK_FORMAT).orElse("canonical");
    ColumnMapping bank = SettlementFileReaders.bankPreset(bankText)
        .orElseThrow(() -> new IllegalArgumentException(BANK_FORMAT + " must be canonical, bcp-pen or bcp-usd, was '" + bankText + "'"));
    String languageText = vars.optional(ALERT_LANGUAGE).orElse("zh");
    AlertLanguage language = AlertLanguage.parse(languageText)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_LANGUAGE + " must be zh, en or es, was '" + languageText + "'"));
    String amountText = vars.optional(ALERT_MIN_AMOUNT).orElse("0");
    BigDecimal minAmount = Money.parseAmount(amountText).filter(a -> a.signum() >= 0)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_MIN_AMOUNT + " must be a non-negative amount like 500.00, was '" + amountText + "'"));
    String toleranceText = vars.optional(FX_TOLERANCE_PERCENT).orElse("0.5");
    BigDecimal tolerance;
    try {
      tolerance = new BigDecimal(toleranceText.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(FX_TOLERANCE_PERCENT + " must be a percentage like 0.5, was '" + toleranceText + "'", e);
    }
    if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(FX_TOLERANCE_PERCENT + " must be between 0 and 100, was '" + toleranceText + "'");
    }
    AlertPolicy policy = new AlertPolicy(language, vars.number(ALERT_MIN_COUNT, 0, 0, Integer.MAX_VALUE), minAmount, vars.flag(DAILY_SUMMARY, false), LARGEST_ITEMS);
    return new SettlementFunctionConfig(
        vars.required(LEDGER_TABLE),
        vars.required(DATA_BUCKET),
        vars.required(ALERTS_TOPIC_ARN),
        vars.stage(STAGE),
        bank,
        (int) vars.number(SETTLE_DAYS, 2, 0, 60),
        (int) vars.number(PAYOUT_DAYS, 3, 0, 60),
        tolerance,
        (int) vars.number(STATEMENT_LOOKBACK_DAYS, 45, 0, 400),
        policy);
  }
}
