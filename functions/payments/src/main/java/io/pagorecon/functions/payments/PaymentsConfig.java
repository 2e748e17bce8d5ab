package io.pagorecon.functions.payments;

import io.pagorecon.aws.LiveAssuranceWiring;
import io.pagorecon.aws.ApiJournals;
import io.pagorecon.core.Stage;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** PaymentsApiFunction's settings, read once from the environment; a bad value fails naming its variable. */
public record PaymentsConfig(
    String paymentsTable,
    String secretArn,
    Stage stage,
    ZoneId businessZone,
    Duration secretTtl,
    OrderPayments.Settings settings,
    PagoEfectivoSettings pagoEfectivo,
    LiveAssuranceWiring assurance) {

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
      Stream.concat(PagoEfectivoSettings.KEYS.stream(), Stream.concat(LiveAssuranceWiring.KEYS.stream(), ApiJournals.KEYS.stream()))).toList();

  public PaymentsConfig {
    Objects.requireNonNull(paymentsTable, PAYMENTS_TABLE);
    Objects.requireNonNull(secretArn, PAGOEFECTIVO_SECRET_ARN);
    Objects.requireNonNull(stage, STAGE);
    Objects.requireNonNull(businessZone, BUSINESS_ZONE);
    Objects.requireNonNull(secretTtl, SECRET_TTL_SECONDS);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(pagoEfectivo, "pagoEfectivo");
    Objects.requireNonNull(assurance, "assurance");
  }

  public static PaymentsConfig fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    Stage stage = vars.stage(STAGE);
    ZoneId zone = vars.zone(BUSINESS_ZONE, "America/Lima");
    OrderPayments.Settings std = OrderPayments.Settings.standard();
    OrderPayments.Settings settings = new OrderPayments.Settings(
        Duration.ofMinutes(vars.number(CIP_VALIDITY_MINUTES, std.validity().toMinutes(), 10, 180L * 24 * 60)),
        Duration.ofMinutes(vars.number(CIP_MIN_REMAINING_MINUTES, std.minRemaining().toMinutes(), 0, 7L * 24 * 60)),
        Duration.ofMinutes(vars.number(CREATE_PENDING_MINUTES, std.pendingWindow().toMinutes(), 1, 24L * 60)));
    return new PaymentsConfig(vars.required(PAYMENTS_TABLE), vars.required(PAGOEFECTIVO_SECRET_ARN), stage, zone,
        Duration.ofSeconds(vars.number(SECRET_TTL_SECONDS, 300, 0, 86_400)), settings,
        PagoEfectivoSettings.fromEnvironment(env, stage == Stage.PRODUCTION), LiveAssuranceWiring.fromEnvironment(env));
  }
}
