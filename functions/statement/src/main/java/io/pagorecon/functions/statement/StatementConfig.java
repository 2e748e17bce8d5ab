package io.pagorecon.functions.statement;

import io.pagorecon.core.Stage;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.statement.SettlementMapping;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * StatementFunction's settings, read once from the environment (template.yaml sets them) and
 * validated at init; a bad value fails naming its variable.
 */
public record StatementConfig(
    String paymentsTable,
    String dataBucket,
    String alertsTopicArn,
    String secretArn,
    Stage stage,
    ZoneId businessZone,
    Duration secretTtl,
    SettlementMapping settlementMapping,
    PagoEfectivoSettings pagoEfectivo,
    Slicing slicing) {

  /**
   * The statement in slices (docs/performance.md §10): {@code queueUrl} empty means every day is
   * built at once; {@code concurrency} is the slice queue's maximum concurrency (the template's
   * {@code ScalingConfig}), over which a slice shares the allowed PagoEfectivo rate; {@code
   * maxReceives} is the queue's {@code maxReceiveCount} (the last attempt alerts).
   */
  public record Slicing(Optional<String> queueUrl, int sliceCips, int concurrency, int maxReceives) {
    public Slicing {
      Objects.requireNonNull(queueUrl, STATEMENT_SLICE_QUEUE_URL);
    }
  }

  public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
  public static final String DATA_BUCKET = "DATA_BUCKET";
  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String PAGOEFECTIVO_SECRET_ARN = "PAGOEFECTIVO_SECRET_ARN";
  public static final String STAGE = "STAGE";
  public static final String BUSINESS_ZONE = "BUSINESS_ZONE";
  public static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";
  public static final String SETTLEMENT_MAPPING = "SETTLEMENT_MAPPING";
  public static final String STATEMENT_SLICE_QUEUE_URL = "STATEMENT_SLICE_QUEUE_URL";
  public static final String STATEMENT_SLICE_CIPS = "STATEMENT_SLICE_CIPS";
  public static final String STATEMENT_SLICE_CONCURRENCY = "STATEMENT_SLICE_CONCURRENCY";
  public static final String STATEMENT_SLICE_MAX_RECEIVES = "STATEMENT_SLICE_MAX_RECEIVES";

  /** Every variable this record reads. */
  public static final List<String> KEYS = Stream.concat(
      Stream.of(PAYMENTS_TABLE, DATA_BUCKET, ALERTS_TOPIC_ARN, PAGOEFECTIVO_SECRET_ARN, STAGE, BUSINESS_ZONE, SECRET_TTL_SECONDS,
          SETTLEMENT_MAPPING, STATEMENT_SLICE_QUEUE_URL, STATEMENT_SLICE_CIPS, STATEMENT_SLICE_CONCURRENCY,
          STATEMENT_SLICE_MAX_RECEIVES),
      PagoEfectivoSettings.KEYS.stream()).toList();

  public StatementConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(dataBucket, DATA_BUCKET);
    Objects.requireNonNull(alertsTopicArn, ALERTS_TOPIC_ARN);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(settlementMapping, SETTLEMENT_MAPPING);
    Objects.requireNonNull(pagoEfectivo, "pagoEfectivo");
    Objects.requireNonNull(slicing, "slicing");
  }

  /**
   * The settings of one slice worker: its share of the allowed PagoEfectivo rate and calls in
   * flight, so that {@code concurrency} slices running together stay within what one build may use.
   */
  public StatementConfig sliceShare() {
    PagoEfectivoSettings p = pagoEfectivo;
    int n = slicing.concurrency();
    PagoEfectivoSettings share = new PagoEfectivoSettings(p.baseUrl(), p.connectTimeout(), p.readTimeout(),
        Math.max(1, p.maxConcurrency() / n), p.ratePerSecond() / n, p.retry());
    return new StatementConfig(paymentsTable, dataBucket, alertsTopicArn, secretArn, stage, businessZone, secretTtl, settlementMapping,
        share, slicing);
  }

  public static StatementConfig fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    Stage stage = vars.stage(STAGE);
    ZoneId zone = vars.zone(BUSINESS_ZONE, "America/Lima");
    SettlementMapping mapping;
    try {
      mapping = SettlementMapping.parse(vars.optional(SETTLEMENT_MAPPING).orElse(""));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(SETTLEMENT_MAPPING + ": " + e.getMessage(), e);
    }
    long ttl = vars.number(SECRET_TTL_SECONDS, 300, 0, 86_400);
    return new StatementConfig(vars.required(PAYMENTS_TABLE), vars.required(DATA_BUCKET), vars.required(ALERTS_TOPIC_ARN),
        vars.required(PAGOEFECTIVO_SECRET_ARN), stage, zone, Duration.ofSeconds(ttl), mapping,
        PagoEfectivoSettings.fromEnvironment(env, stage == Stage.PRODUCTION),
        new Slicing(vars.optional(STATEMENT_SLICE_QUEUE_URL).filter(u -> !u.isBlank()),
            (int) vars.number(STATEMENT_SLICE_CIPS, 15_000, 1, 10_000_000),
            (int) vars.number(STATEMENT_SLICE_CONCURRENCY, 2, 1, 1000),
            (int) vars.number(STATEMENT_SLICE_MAX_RECEIVES, 3, 1, 1000)));
  }
}
