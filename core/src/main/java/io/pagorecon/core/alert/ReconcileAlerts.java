package io.pagorecon.core.alert;

import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Reconciler;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether a reconciliation run alerts and writes the message (subject + body readable as
 * an email and as DingTalk markdown). A run alerts when it owes alerts for new critical entries
 * (one message for all of them), or when its counts/amounts reach the thresholds for the first
 * time for that date; otherwise, with {@code dailySummary}, a once-per-date summary. Once-only
 * is kept by the ledger's {@code alertPending} flags and by per-date markers, never by memory.
 */
public final class ReconcileAlerts {

  private final AlertPolicy policy;
  private final AlertTexts texts;

  public ReconcileAlerts(AlertPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.texts = new AlertTexts(policy.language());
  }

  /**
   * What a finished run knows.
   *
   * @param newCritical ledger entries that owe their alert
   * @param reports where the reports are, e.g. {@code s3://bucket/reports/...}
   */
  public record RunFacts(LocalDate date, String stage, ZoneId zone, ReconcileResult result, List<LedgerEntry> newCritical, List<String> reports) {
    public RunFacts {
      newCritical = List.copyOf(newCritical);
      reports = List.copyOf(reports);
    }
  }

  /**
   * The decision.
   *
   * @param alert the message to publish, if any
   * @param markers the once-only markers to record after publishing
   * @param settles the ledger entries whose alert this message delivers
   */
  public record Plan(Optional<Alert> alert, List<String> markers, List<LedgerEntry> settles) {}

  public static String thresholdMarker(LocalDate date) {
    return "ALERT#THRESHOLD#" + date;
  }

  public static String summaryMarker(LocalDate date) {
    return "ALERT#SUMMARY#" + date;
  }

  public static String missingMarker(LocalDate date) {
    return "ALERT#MISSING#" + date;
  }

  /** @param markerExists whether a once-only marker was recorded by an earlier run */
  public Plan plan(RunFacts facts, Predicate<String> markerExists) {
    ReconcileResult r = facts.result();
    String threshold = thresholdMarker(facts.date());
    boolean exceeded = exceedsThresholds(r) && !markerExists.test(threshold);
    if (!facts.newCritical().isEmpty() || exceeded) {
      Alert.Severity severity = facts.newCritical().isEmpty() ? worst(r) : Alert.Severity.CRITICAL;
      List<String> markers = exceeded ? List.of(threshold) : List.of();
      return new Plan(Optional.of(render(facts, severity, exceeded)), markers, facts.newCritical());
    }
    String summary = summaryMarker(facts.date());
    if (policy.dailySummary() && !markerExists.test(summary)) {
      return new Plan(Optional.of(render(facts, Alert.Severity.INFO, false)), List.of(summary), List.of());
    }
    return new Plan(Optional.empty(), List.of(), List.of());
  }

  /** The alert of a day that could not be reconciled; silence must never hide a broken pipeline. */
  public Alert missingInputs(LocalDate date, String stage, ZoneId zone, List<String> missing) {
    StringBuilder b = new StringBuilder();
    b.append(texts.businessDate(date.toString(), zone.getId())).append("\n\n");
    b.append(texts.missingIntro()).append('\n');
    missing.forEach(m -> b.append("- ").append(m).append('\n'));
    b.append('\n').append(texts.missingAdvice()).append('\n');
    return new Alert(subject(texts.missingSubject(stage, date.toString())), b.toString(), Alert.Severity.CRITICAL, stage);
  }

  /** The day has more rows than the function's memory holds: nothing reconciled; {@code problem} names the size. */
  public Alert tooLarge(LocalDate date, String stage, ZoneId zone, String problem) {
    StringBuilder b = new StringBuilder();
    b.append(texts.businessDate(date.toString(), zone.getId())).append("\n\n");
    b.append(texts.tooLargeIntro()).append('\n');
    b.append("- ").append(problem).append('\n');
    b.append('\n').append(texts.tooLargeAdvice()).append('\n');
    return new Alert(subject(texts.tooLargeSubject(stage, date.toString())), b.toString(), Alert.Severity.CRITICAL, stage);
  }

  boolean exceedsThresholds(ReconcileResult r) {
    if (policy.minCount() > 0 && r.discrepancies().size() >= policy.minCount()) {
      return true;
    }
    if (policy.minAmount().signum() > 0) {
      return amountsByCurrency(r.discrepancies()).values().stream().anyMatch(a -> a.compareTo(policy.minAmount()) >= 0);
    }
    return false;
  }

  private static Map<Currency, BigDecimal> amountsByCurrency(List<Discrepancy> ds) {
    Map<Currency, BigDecimal> out = new EnumMap<>(Currency.class);
    for (Discrepancy d : ds) {
      shown(d).ifPresent(m -> out.merge(m.currency(), m.amount().abs(), BigDecimal::add));
    }
    return out;
  }

  private static Optional<Money> shown(Discrepancy d) {
    return d.gatewayAmount().isPresent() ? d.gatewayAmount() : d.orderAmount();
  }

  private static Alert.Severity worst(ReconcileResult r) {
    return r.discrepancies().stream().map(Discrepancy::severity).min(Comparator.naturalOrder())
        .map(s -> Alert.Severity.valueOf(s.name())).orElse(Alert.Severity.INFO);
  }

  private Alert render(RunFacts f, Alert.Severity severity, boolean exceeded) {
    ReconcileResult r = f.result();
    int total = r.discrepancies().size();
    StringBuilder b = new StringBuilder();
    b.append(texts.businessDate(f.date().toString(), f.zone().getId())).append('\n');
    if (!f.newCritical().isEmpty()) {
      b.append(texts.newCritical(f.newCritical().size())).append('\n');
    }
    if (exceeded) {
      b.append(texts.thresholdExceeded()).append('\n');
    }
    b.append(texts.matched(r.matched())).append('\n');
    if (total == 0) {
      b.append('\n').append(texts.noDiscrepancies()).append('\n');
    } else {
      b.append('\n').append(texts.countsHeader()).append('\n');
      for (Category c : Category.values()) {
        long n = r.countsByCategory().getOrDefault(c, 0L);
        if (n > 0) {
          b.append("- ").append(c.name()).append(" (").append(texts.category(c)).append(", ").append(c.severity().wire())
              .append("): ").append(n).append(" \u2192 ").append(io.pagorecon.core.ledger.Runbook.section(c)).append('\n');
        }
      }
    }
    if (!f.newCritical().isEmpty()) {
      b.append('\n').append(texts.newCriticalHeader()).append('\n');
      List<LedgerEntry> items = f.newCritical().stream()
          .sorted(Comparator.comparing(LedgerEntry::rankAmount).reversed().thenComparing(LedgerEntry::id)).toList();
      items.stream().limit(policy.largestItems()).forEach(e -> b.append("- ")
          .append(line(e.category(), e.orderId(), e.cip(), e.shownAmount(), e.detail())).append('\n'));
      if (items.size() > policy.largestItems()) {
        b.append(texts.more(items.size() - policy.largestItems())).append('\n');
      }
    }
    if (total > 0 && policy.largestItems() > 0) {
      b.append('\n').append(texts.largestHeader()).append('\n');
      r.discrepancies().stream()
          .sorted(Comparator.comparing((Discrepancy d) -> shown(d).map(Money::amount).orElse(BigDecimal.ZERO).abs())
              .reversed().thenComparing(Reconciler.ORDER))
          .limit(policy.largestItems())
          .forEach(d -> b.append("- ").append(line(d.category(), d.orderId(), d.cip(), shown(d), d.detail())).append('\n'));
    }
    if (!f.reports().isEmpty()) {
      b.append('\n').append(texts.reports()).append('\n');
      f.reports().forEach(k -> b.append("- ").append(k).append('\n'));
    }
    int newCritical = f.newCritical().size();
    return new Alert(subject(texts.runSubject(f.stage(), f.date().toString(), newCritical, total)), b.toString(), severity, f.stage());
  }

  private String line(io.pagorecon.core.ledger.FindingCategory c, String orderId, String cip, Optional<Money> amount, String detail) {
    StringBuilder s = new StringBuilder(c.name()).append(' ').append(texts.order()).append(' ')
        .append(orderId.isEmpty() ? "-" : orderId).append(" CIP ").append(cip.isEmpty() ? "-" : cip);
    amount.ifPresent(m -> s.append(' ').append(m.currency()).append(' ').append(m.toPlainString()));
    if (!detail.isEmpty()) {
      s.append(" (").append(detail).append(')');
    }
    return s.toString();
  }

  /** SNS subjects are single-line and under 100 characters. */
  private static String subject(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() < 100 ? one : one.substring(0, 98) + "…";
  }
}
