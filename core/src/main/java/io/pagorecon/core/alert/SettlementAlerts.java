package io.pagorecon.core.alert;

import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.settlement.SettlementCategory;
import io.pagorecon.core.settlement.SettlementFinding;
import io.pagorecon.core.settlement.SettlementResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether a settlement run alerts, like {@link ReconcileAlerts}: new or reopened critical
 * ledger entries alert at once (one message for all of them, each entry once), the thresholds alert
 * once per as-of date, the optional summary once per as-of date. Written in zh, en or es; category
 * codes stay in English.
 */
public final class SettlementAlerts {

  private final AlertPolicy policy;

  public SettlementAlerts(AlertPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The decision: the message, the markers to record after publishing it, the entries it delivers. */
  public record Plan(Optional<Alert> alert, List<String> markers, List<LedgerEntry> settles) {}

  public static String thresholdMarker(LocalDate asOf) {
    return "ALERT#SETTLEMENT#THRESHOLD#" + asOf;
  }

  public static String summaryMarker(LocalDate asOf) {
    return "ALERT#SETTLEMENT#SUMMARY#" + asOf;
  }

  public static String missingMarker(LocalDate asOf) {
    return "ALERT#SETTLEMENT#MISSING#" + asOf;
  }

  public Plan plan(LocalDate asOf, String stage, SettlementResult result, List<LedgerEntry> newCritical, List<String> reports, Predicate<String> markerExists) {
    String threshold = thresholdMarker(asOf);
    boolean exceeded = exceedsThresholds(result) && !markerExists.test(threshold);
    if (!newCritical.isEmpty() || exceeded) {
      Alert.Severity severity = newCritical.isEmpty() ? worst(result) : Alert.Severity.CRITICAL;
      return new Plan(Optional.of(render(asOf, stage, result, newCritical, reports, severity, exceeded)), exceeded ? List.of(threshold) : List.of(), newCritical);
    }
    String summary = summaryMarker(asOf);
    if (policy.dailySummary() && !markerExists.test(summary)) {
      return new Plan(Optional.of(render(asOf, stage, result, List.of(), reports, Alert.Severity.INFO, false)), List.of(summary), List.of());
    }
    return new Plan(Optional.empty(), List.of(), List.of());
  }

  /** A run that could not judge anything: silence must never hide a broken pipeline. */
  public Alert missingInputs(LocalDate asOf, String stage, List<String> problems) {
    StringBuilder b = new StringBuilder();
    b.append(pick("结算核对日期：", "Settlement check as of: ", "Control de liquidaciones al: ")).append(asOf).append(" (America/Lima)\n\n");
    b.append(pick("结算核对没有运行，因为以下输入缺失或有误：", "The settlement check did not run because these inputs are missing or wrong:",
        "El control de liquidaciones no se ejecutó porque faltan estas entradas o tienen errores:")).append('\n');
    problems.forEach(p -> b.append("- ").append(p).append('\n'));
    String subject = pick("[pagorecon " + stage + "] " + asOf + " 结算核对未运行：输入缺失或有误",
        "[pagorecon " + stage + "] " + asOf + " settlement check not run: input missing or wrong",
        "[pagorecon " + stage + "] " + asOf + " control de liquidaciones no ejecutado: entrada faltante o errónea");
    return new Alert(subject(subject), b.toString(), Alert.Severity.CRITICAL, stage);
  }

  boolean exceedsThresholds(SettlementResult r) {
    if (policy.minCount() > 0 && r.findings().size() >= policy.minCount()) {
      return true;
    }
    if (policy.minAmount().signum() > 0) {
      Map<Currency, BigDecimal> sums = new EnumMap<>(Currency.class);
      for (SettlementFinding f : r.findings()) {
        shown(f).ifPresent(a -> sums.merge(f.currency(), a.abs(), BigDecimal::add));
      }
      return sums.values().stream().anyMatch(a -> a.compareTo(policy.minAmount()) >= 0);
    }
    return false;
  }

  private static Optional<BigDecimal> shown(SettlementFinding f) {
    if (f.currency() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(f.expected() != null ? f.expected() : f.actual());
  }

  private static Alert.Severity worst(SettlementResult r) {
    return r.findings().stream().map(SettlementFinding::severity).min(Comparator.naturalOrder()).map(s -> Alert.Severity.valueOf(s.name())).orElse(Alert.Severity.INFO);
  }

  private Alert render(LocalDate asOf, String stage, SettlementResult r, List<LedgerEntry> newCritical, List<String> reports, Alert.Severity severity, boolean exceeded) {
    StringBuilder b = new StringBuilder();
    b.append(pick("结算核对日期：", "Settlement check as of: ", "Control de liquidaciones al: ")).append(asOf).append(" (America/Lima)\n");
    if (!newCritical.isEmpty()) {
      b.append(pick("新的严重差异：", "New critical discrepancies: ", "Discrepancias críticas nuevas: ")).append(newCritical.size()).append('\n');
    }
    if (exceeded) {
      b.append(pick("已超过告警阈值。", "Alert thresholds exceeded.", "Se superaron los umbrales de alerta.")).append('\n');
    }
    b.append(pick("结算批次：", "Settlements: ", "Liquidaciones: ")).append(r.settlements().size()).append('\n');
    if (r.findings().isEmpty()) {
      b.append('\n').append(pick("未发现差异。", "No discrepancies found.", "No se encontraron discrepancias.")).append('\n');
    } else {
      b.append('\n').append(pick("按类别统计：", "Counts per category:", "Cantidad por categoría:")).append('\n');
      for (SettlementCategory c : SettlementCategory.values()) {
        long n = r.countsByCategory().getOrDefault(c, 0L);
        if (n > 0) {
          b.append("- ").append(c.name()).append(" (").append(label(c)).append(", ").append(c.severity().wire()).append("): ").append(n).append('\n');
        }
      }
    }
    if (!newCritical.isEmpty()) {
      b.append('\n').append(pick("新的严重差异明细：", "New critical items:", "Partidas críticas nuevas:")).append('\n');
      List<LedgerEntry> items = newCritical.stream().sorted(Comparator.comparing(LedgerEntry::rankAmount).reversed().thenComparing(LedgerEntry::id)).toList();
      items.stream().limit(policy.largestItems()).forEach(e -> {
        b.append("- ").append(e.category().name());
        if (!e.cip().isEmpty()) {
          b.append(" CIP ").append(e.cip());
        }
        e.shownAmount().ifPresent(m -> b.append(' ').append(m.currency()).append(' ').append(m.toPlainString()));
        b.append(" (").append(e.detail()).append(")\n");
      });
      if (items.size() > policy.largestItems()) {
        int more = items.size() - policy.largestItems();
        b.append(pick("……另有 " + more + " 项，见报告", "... " + more + " more, see the report", "... " + more + " más, ver el reporte")).append('\n');
      }
    }
    if (!reports.isEmpty()) {
      b.append('\n').append(pick("报告：", "Reports:", "Reportes:")).append('\n');
      reports.forEach(k -> b.append("- ").append(k).append('\n'));
    }
    int total = r.findings().size();
    String subject;
    if (!newCritical.isEmpty()) {
      subject = pick("[pagorecon " + stage + "] " + asOf + " 结算核对：" + newCritical.size() + " 个新的严重差异，共 " + total + " 个差异",
          "[pagorecon " + stage + "] " + asOf + " settlements: " + newCritical.size() + " new critical, " + total + " discrepancies",
          "[pagorecon " + stage + "] " + asOf + " liquidaciones: " + newCritical.size() + " críticas nuevas, " + total + " discrepancias");
    } else {
      subject = pick("[pagorecon " + stage + "] " + asOf + " 结算核对：" + total + " 个差异",
          "[pagorecon " + stage + "] " + asOf + " settlements: " + total + " discrepancies",
          "[pagorecon " + stage + "] " + asOf + " liquidaciones: " + total + " discrepancias");
    }
    return new Alert(subject(subject), b.toString(), severity, stage);
  }

  String label(SettlementCategory c) {
    switch (c) {
      case SETTLED_NOT_PAID:
        return pick("已结算但未付款", "settled, not paid", "liquidado, no pagado");
      case SETTLED_TWICE:
        return pick("重复结算", "settled twice", "liquidado dos veces");
      case PAYOUT_NOT_RECEIVED:
        return pick("结算款未到账", "payout not received", "abono no recibido");
      case SETTLEMENT_MISSING:
        return pick("已付款但未结算", "paid, not settled", "pagado, no liquidado");
      case GROSS_MISMATCH:
        return pick("结算总额不符", "gross mismatch", "monto bruto distinto");
      case NET_MISMATCH:
        return pick("结算净额不符", "net mismatch", "monto neto distinto");
      case PAYOUT_SHORT:
        return pick("到账金额不足", "payout short", "abono incompleto");
      case FEE_MISMATCH:
        return pick("手续费与合同不符", "fee mismatch", "comisión distinta al contrato");
      case FX_RATE_DEVIATION:
        return pick("汇率偏离参考汇率", "FX rate deviation", "tipo de cambio desviado");
      default:
        return pick("无法归属的入账", "unexpected credit", "abono inesperado");
    }
  }

  private String pick(String zh, String en, String es) {
    switch (policy.language()) {
      case EN:
        return en;
      case ES:
        return es;
      default:
        return zh;
    }
  }

  /** SNS subjects are single-line and under 100 characters. */
  private static String subject(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() < 100 ? one : one.substring(0, 98) + "…";
  }
}
