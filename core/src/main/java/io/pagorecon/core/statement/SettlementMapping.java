package io.pagorecon.core.statement;

import io.pagorecon.core.payment.PaymentState;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a settlement export's columns and status words map onto statement rows: configuration, not
 * code. Written as {@code field=Column;...;status.Word=STATE;zone=America/Lima}, e.g.
 * {@code cip=CIP;amount=Monto;status=Estado;status.Cancelado=PAID}. Fields not named keep their
 * Contract 2 column name; timestamps without an offset are read in {@code zone}.
 */
public record SettlementMapping(Map<String, String> columns, Map<String, PaymentState> statuses, ZoneId zone) {

  public static final Set<String> FIELDS = Set.copyOf(StatementCsv.HEADER);

  public SettlementMapping {
    columns = Map.copyOf(columns);
    statuses = Map.copyOf(statuses);
    Objects.requireNonNull(zone, "zone");
  }

  /** Contract 2 names, our status names, and PagoEfectivo's Spanish ones ("Cancelado" is PAID). */
  public static SettlementMapping standard() {
    Map<String, String> columns = new LinkedHashMap<>();
    FIELDS.forEach(f -> columns.put(f, f));
    Map<String, PaymentState> statuses = new HashMap<>();
    for (PaymentState s : PaymentState.values()) {
      if (s != PaymentState.UNKNOWN) {
        statuses.put(s.name().toLowerCase(Locale.ROOT), s);
      }
    }
    statuses.put("generado", PaymentState.PENDING);
    statuses.put("pendiente", PaymentState.PENDING);
    statuses.put("cancelado", PaymentState.PAID);
    statuses.put("pagado", PaymentState.PAID);
    statuses.put("expirado", PaymentState.EXPIRED);
    statuses.put("vencido", PaymentState.EXPIRED);
    statuses.put("eliminado", PaymentState.DELETED);
    statuses.put("extornado", PaymentState.REFUNDED);
    return new SettlementMapping(columns, statuses, ZoneId.of("America/Lima"));
  }

  /**
   * The standard mapping overridden by {@code spec}; blank means standard.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static SettlementMapping parse(String spec) {
    SettlementMapping std = standard();
    if (spec == null || spec.isBlank()) {
      return std;
    }
    Map<String, String> columns = new LinkedHashMap<>(std.columns());
    Map<String, PaymentState> statuses = new HashMap<>(std.statuses());
    ZoneId zone = std.zone();
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("settlement mapping entry '" + entry.trim() + "' is not key=value");
      }
      String key = entry.substring(0, eq).trim();
      String value = entry.substring(eq + 1).trim();
      if (key.equals("zone")) {
        zone = ZoneId.of(value);
      } else if (key.startsWith("status.")) {
        String word = key.substring("status.".length()).toLowerCase(Locale.ROOT);
        PaymentState state;
        try {
          state = PaymentState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("settlement mapping: '" + value + "' is not a status", e);
        }
        if (state == PaymentState.UNKNOWN) {
          throw new IllegalArgumentException("settlement mapping: UNKNOWN is not a statement status");
        }
        statuses.put(word, state);
      } else if (FIELDS.contains(key)) {
        columns.put(key, value);
      } else {
        throw new IllegalArgumentException("settlement mapping: unknown field '" + key + "' (fields: " + StatementCsv.HEADER + ")");
      }
    }
    return new SettlementMapping(columns, statuses, zone);
  }

  public Optional<PaymentState> status(String word) {
    return word == null ? Optional.empty() : Optional.ofNullable(statuses.get(word.trim().toLowerCase(Locale.ROOT)));
  }
}
