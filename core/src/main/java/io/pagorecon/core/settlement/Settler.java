package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.reconcile.Order;
import io.pagorecon.core.reconcile.StatementRow;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.internal.LongIntMap;
import io.pagorecon.core.settlement.SettlementConflictException.Source;
import io.pagorecon.core.settlement.SettlementSummary.Fx;
import io.pagorecon.core.settlement.SettlementSummary.PayoutStatus;
import io.pagorecon.core.time.BusinessCalendar;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settlement rules (docs/settlement.md): statement, settlement rows, bank credits, fee contract
 * and reference rates, judged as of the end of a Lima date. Pure and deterministic: the output
 * does not depend on the order of any input list. Linear in the inputs (hash indexes, one pass per
 * list; bank references are matched by substring lookups of the settlement id lengths).
 */
public final class Settler {

  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Comparator<SettlementRow> ROW_ORDER =
      Comparator.comparing(SettlementRow::settledOn)
          .thenComparing(SettlementRow::settlementId)
          .thenComparing(SettlementRow::transactionCode)
          .thenComparingLong(SettlementRow::grossMinor)
          .thenComparingLong(SettlementRow::netMinor);
  private static final Comparator<BankCredit> CREDIT_ORDER =
      Comparator.comparing(BankCredit::bookedOn).thenComparing(BankCredit::reference).thenComparing(BankCredit::currency).thenComparingLong(BankCredit::amountMinor);

  private final SettlementConfig config;

  public Settler(SettlementConfig config) {
    this.config = config;
  }

  /** One settlement and its running totals. */
  private static final class Group {
    final String id;
    final LocalDate settledOn;
    final Currency payout;
    final int line;
    long rows;
    final long[] gross = new long[Currency.values().length];
    final long[] fees = new long[Currency.values().length];
    final long[] taxes = new long[Currency.values().length];
    final boolean[] present = new boolean[Currency.values().length];
    long net;
    Currency convertedFrom;
    long convertedBase;
    long convertedNet;
    boolean flagged;
    final List<BankCredit> credits = new ArrayList<>(1);

    Group(SettlementRow r) {
      id = r.settlementId();
      settledOn = r.settledOn();
      payout = r.payoutCurrency();
      line = r.line();
    }
  }

  public SettlementResult settle(SettlementInput in, LocalDate asOf) throws SettlementConflictException {
    BusinessDays days = config.businessDays();
    List<SettlementFinding> findings = new ArrayList<>();

    List<StatementRow> statement = in.statement();
    LongIntMap statementIndex = new LongIntMap(statement.size());
    for (int i = 0; i < statement.size(); i++) {
      StatementRow s = statement.get(i);
      int previous = statementIndex.put(s.cip(), i);
      if (previous >= 0) {
        throw new SettlementConflictException(Source.STATEMENT, s.line(), "cip",
            "CIP " + Cips.format(s.cip()) + " is repeated (first at line " + statement.get(previous).line() + ")");
      }
    }
    Map<Currency, FeeContract> fees = fees(in.fees());
    Map<String, TreeMap<LocalDate, ReferenceRate>> rates = rates(in.rates());

    // settlements: group rows, judge each row, remember where every CIP was settled
    Map<String, Group> groups = new HashMap<>();
    List<SettlementRow> rows = in.settlements();
    LongIntMap firstRowOfCip = new LongIntMap(rows.size());
    Map<Long, List<SettlementRow>> repeated = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      SettlementRow r = rows.get(i);
      Group g = groups.computeIfAbsent(r.settlementId(), id -> new Group(r));
      if (!g.settledOn.equals(r.settledOn())) {
        throw new SettlementConflictException(Source.SETTLEMENTS, r.line(), "settled_on",
            "settlement " + r.settlementId() + " is settled on " + g.settledOn + " at line " + g.line + " and on " + r.settledOn() + " here");
      }
      if (g.payout != r.payoutCurrency()) {
        throw new SettlementConflictException(Source.SETTLEMENTS, r.line(), "payout_currency",
            "settlement " + r.settlementId() + " pays out in " + g.payout + " at line " + g.line + " and in " + r.payoutCurrency() + " here");
      }
      FeeContract contract = fees.get(r.currency());
      if (contract == null) {
        throw new SettlementConflictException(Source.SETTLEMENTS, r.line(), "currency", "no fee contract for " + r.currency() + " in the fees file");
      }
      add(g, r);
      int first = firstRowOfCip.put(r.cip(), i);
      if (first >= 0) {
        firstRowOfCip.put(r.cip(), first);
        repeated.computeIfAbsent(r.cip(), c -> new ArrayList<>(List.of(rows.get(first)))).add(r);
      }
      int si = statementIndex.get(r.cip());
      judgeRow(r, si < 0 ? null : statement.get(si), contract, g, findings);
    }

    for (Map.Entry<Long, List<SettlementRow>> e : repeated.entrySet()) {
      findings.add(settledTwice(e.getKey(), e.getValue(), statement, statementIndex, groups));
    }

    // paid CIPs that no settlement carries
    Map<LocalDate, LocalDate> settleDue = new HashMap<>();
    long[] notSettledCount = new long[Currency.values().length];
    long[] notSettled = new long[Currency.values().length];
    BusinessCalendar lima = BusinessCalendar.lima();
    for (StatementRow s : statement) {
      if (s.status() != PaymentState.PAID || !Times.present(s.paidAt()) || firstRowOfCip.get(s.cip()) >= 0) {
        continue;
      }
      LocalDate paidOn = lima.businessDate(Instant.ofEpochMilli(s.paidAt()));
      LocalDate due = settleDue.computeIfAbsent(paidOn, d -> days.plus(d, config.settleDays()));
      if (!due.isAfter(asOf)) {
        notSettledCount[s.currency().ordinal()]++;
        notSettled[s.currency().ordinal()] += s.amountMinor();
        findings.add(new SettlementFinding(SettlementCategory.SETTLEMENT_MISSING, "", s.cip(), text(s.transactionCode()), money(s.amountMinor()), null, s.currency(),
            "paid on " + paidOn + " (Lima), in no settlement by " + due + " (" + config.settleDays() + " business days)", paidOn));
      }
    }

    List<Group> ordered = new ArrayList<>(groups.values());
    ordered.sort(Comparator.comparing((Group g) -> g.settledOn).thenComparing(g -> g.id));
    List<BankCredit> unexpected = matchCredits(in.credits(), groups, ordered, days);

    List<SettlementSummary> summaries = new ArrayList<>(ordered.size());
    for (Group g : ordered) {
      summaries.add(summarise(g, asOf, days, rates, findings));
    }
    for (BankCredit c : unexpected) {
      findings.add(new SettlementFinding(SettlementCategory.UNEXPECTED_CREDIT, "", Order.NO_CIP, "", null, money(c.amountMinor()), c.currency(),
          "credit booked on " + c.bookedOn() + " " + money(c.amountMinor()).toPlainString() + " " + c.currency() + " reference \"" + c.reference() + "\" belongs to no settlement", c.bookedOn()));
    }

    findings.sort(SettlementFinding.ORDER);
    Map<SettlementCategory, Long> counts = new EnumMap<>(SettlementCategory.class);
    for (SettlementCategory c : SettlementCategory.values()) {
      counts.put(c, 0L);
    }
    findings.forEach(f -> counts.merge(f.category(), 1L, Long::sum));
    return new SettlementResult(asOf, findings, counts, summaries, totals(rows, summaries, ordered, unexpected, notSettledCount, notSettled));
  }

  private static void add(Group g, SettlementRow r) {
    int c = r.currency().ordinal();
    g.rows++;
    g.present[c] = true;
    g.gross[c] += r.grossMinor();
    g.fees[c] += r.feeMinor();
    g.taxes[c] += r.feeTaxMinor();
    g.net += r.netMinor();
    if (r.converted()) {
      g.convertedFrom = r.currency();
      g.convertedBase += r.baseMinor();
      g.convertedNet += r.netMinor();
    }
  }

  private void judgeRow(SettlementRow r, StatementRow s, FeeContract contract, Group g, List<SettlementFinding> findings) {
    String id = r.settlementId();
    String tx = !r.transactionCode().isEmpty() || s == null ? r.transactionCode() : text(s.transactionCode());
    int before = findings.size();
    if (s == null || s.status() != PaymentState.PAID) {
      findings.add(new SettlementFinding(SettlementCategory.SETTLED_NOT_PAID, id, r.cip(), tx, null, money(r.grossMinor()), r.currency(),
          s == null ? "the statement does not know this CIP" : "the statement says " + s.status(), r.settledOn()));
    }
    if (s != null && (s.amountMinor() != r.grossMinor() || s.currency() != r.currency())) {
      findings.add(new SettlementFinding(SettlementCategory.GROSS_MISMATCH, id, r.cip(), tx, money(s.amountMinor()), money(r.grossMinor()), r.currency(),
          "settled gross " + money(r.grossMinor()).toPlainString() + " " + r.currency() + ", statement " + money(s.amountMinor()).toPlainString() + " " + s.currency(), r.settledOn()));
    }
    long expectedNetMinor = r.fxRate() == null ? r.baseMinor() : Exact.timesRate(r.baseMinor(), r.fxRate());
    if (Math.abs(expectedNetMinor - r.netMinor()) > 1) {
      BigDecimal expectedNet = money(expectedNetMinor);
      findings.add(new SettlementFinding(SettlementCategory.NET_MISMATCH, id, r.cip(), tx, expectedNet, money(r.netMinor()), r.payoutCurrency(),
          "(gross " + money(r.grossMinor()).toPlainString() + " - fee " + money(r.feeMinor()).toPlainString() + " - fee_tax " + money(r.feeTaxMinor()).toPlainString() + ")"
              + (r.fxRate() == null ? "" : " x fx_rate " + r.fxRate().toPlainString()) + " = " + expectedNet.toPlainString() + " " + r.payoutCurrency()
              + ", net_amount " + money(r.netMinor()).toPlainString() + " (off by " + money(r.netMinor()).subtract(expectedNet).toPlainString() + ")", r.settledOn()));
    }
    long feeMinor = contract.feeMinor(r.grossMinor());
    long taxMinor = contract.taxMinor(feeMinor);
    boolean feeOff = Math.abs(feeMinor - r.feeMinor()) > 1;
    boolean taxOff = Math.abs(taxMinor - r.feeTaxMinor()) > 1;
    if (feeOff || taxOff) {
      BigDecimal fee = money(feeMinor);
      BigDecimal tax = money(taxMinor);
      findings.add(new SettlementFinding(SettlementCategory.FEE_MISMATCH, id, r.cip(), tx, feeOff ? fee : tax, money(feeOff ? r.feeMinor() : r.feeTaxMinor()), r.currency(),
          "fee " + money(r.feeMinor()).toPlainString() + " (contract " + fee.toPlainString() + "), fee_tax " + money(r.feeTaxMinor()).toPlainString()
              + " (contract " + tax.toPlainString() + ") " + r.currency(), r.settledOn()));
    }
    if (findings.size() > before) {
      g.flagged = true;
    }
  }

  private static SettlementFinding settledTwice(long cip, List<SettlementRow> rows, List<StatementRow> statement, LongIntMap statementIndex, Map<String, Group> groups) {
    rows.sort(ROW_ORDER);
    SettlementRow first = rows.get(0);
    StringBuilder later = new StringBuilder();
    StringBuilder all = new StringBuilder();
    long gross = 0;
    for (int i = 0; i < rows.size(); i++) {
      SettlementRow r = rows.get(i);
      groups.get(r.settlementId()).flagged = true;
      gross += r.grossMinor();
      if (i > 0) {
        later.append(later.length() == 0 ? "" : ";").append(r.settlementId());
        all.append(", ");
      }
      all.append(r.settlementId()).append(" (").append(r.settledOn()).append(')');
    }
    int si = statementIndex.get(cip);
    StatementRow s = si < 0 ? null : statement.get(si);
    String tx = !first.transactionCode().isEmpty() || s == null ? first.transactionCode() : text(s.transactionCode());
    return new SettlementFinding(SettlementCategory.SETTLED_TWICE, later.toString(), cip, tx, s == null ? null : money(s.amountMinor()), money(gross), first.currency(),
        "settled in " + rows.size() + " rows: " + all + "; first kept: " + first.settlementId(), rows.get(rows.size() - 1).settledOn());
  }

  /** Assigns credits to settlements (by reference, then by exact amount in the window); returns the credits left over. */
  private List<BankCredit> matchCredits(List<BankCredit> credits, Map<String, Group> groups, List<Group> ordered, BusinessDays days) {
    TreeSet<Integer> lengths = new TreeSet<>(Comparator.reverseOrder());
    groups.keySet().forEach(id -> lengths.add(id.length()));
    Map<String, List<BankCredit>> byAmount = new HashMap<>();
    for (BankCredit c : credits) {
      Group g = byReference(c.reference(), groups, lengths);
      if (g != null) {
        g.credits.add(c);
      } else {
        byAmount.computeIfAbsent(c.currency() + " " + c.amountMinor(), k -> new ArrayList<>()).add(c);
      }
    }
    byAmount.values().forEach(l -> l.sort(CREDIT_ORDER));
    for (Group g : ordered) {
      if (!g.credits.isEmpty()) {
        continue;
      }
      List<BankCredit> candidates = byAmount.get(g.payout + " " + g.net);
      if (candidates == null) {
        continue;
      }
      LocalDate due = days.plus(g.settledOn, config.payoutDays());
      for (int i = 0; i < candidates.size(); i++) {
        BankCredit c = candidates.get(i);
        if (!c.bookedOn().isBefore(g.settledOn) && !c.bookedOn().isAfter(due)) {
          g.credits.add(c);
          candidates.remove(i);
          break;
        }
      }
    }
    List<BankCredit> left = new ArrayList<>();
    byAmount.values().forEach(left::addAll);
    left.sort(CREDIT_ORDER);
    return left;
  }

  /** The settlement whose id the reference contains: the longest such id, then the earliest settlement. */
  private static Group byReference(String reference, Map<String, Group> groups, TreeSet<Integer> lengths) {
    Group best = null;
    for (int length : lengths) {
      for (int start = 0; start + length <= reference.length(); start++) {
        Group g = groups.get(reference.substring(start, start + length));
        if (g != null && (best == null || g.settledOn.isBefore(best.settledOn) || (g.settledOn.equals(best.settledOn) && g.id.compareTo(best.id) < 0))) {
          best = g;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  private SettlementSummary summarise(Group g, LocalDate asOf, BusinessDays days, Map<String, TreeMap<LocalDate, ReferenceRate>> rates, List<SettlementFinding> findings) {
    LocalDate due = days.plus(g.settledOn, config.payoutDays());
    long received = 0;
    LocalDate receivedOn = null;
    List<String> otherCurrency = new ArrayList<>();
    g.credits.sort(CREDIT_ORDER);
    for (BankCredit c : g.credits) {
      if (c.currency() == g.payout) {
        received += c.amountMinor();
      } else {
        otherCurrency.add(money(c.amountMinor()).toPlainString() + " " + c.currency());
      }
      receivedOn = receivedOn == null || c.bookedOn().isAfter(receivedOn) ? c.bookedOn() : receivedOn;
    }
    PayoutStatus status;
    if (!g.credits.isEmpty()) {
      status = received < g.net ? PayoutStatus.SHORT : PayoutStatus.RECEIVED;
      if (status == PayoutStatus.SHORT) {
        g.flagged = true;
        findings.add(new SettlementFinding(SettlementCategory.PAYOUT_SHORT, g.id, Order.NO_CIP, "", money(g.net), money(received), g.payout,
            "received " + money(received).toPlainString() + " " + g.payout + " of total net " + money(g.net).toPlainString() + ": short by "
                + money(g.net - received).toPlainString() + " " + g.payout + (otherCurrency.isEmpty() ? "" : " (credits in another currency not counted: " + String.join(", ", otherCurrency) + ")"), g.settledOn));
      }
    } else if (!due.isAfter(asOf)) {
      status = PayoutStatus.NOT_RECEIVED;
      g.flagged = true;
      findings.add(new SettlementFinding(SettlementCategory.PAYOUT_NOT_RECEIVED, g.id, Order.NO_CIP, "", money(g.net), null, g.payout,
          "no bank credit for total net " + money(g.net).toPlainString() + " " + g.payout + " settled on " + g.settledOn + ", due by " + due + " (" + config.payoutDays() + " business days)", g.settledOn));
    } else {
      status = PayoutStatus.IN_TRANSIT;
    }
    Optional<Fx> fx = g.convertedFrom == null ? Optional.empty() : Optional.of(fx(g, rates, findings));
    return new SettlementSummary(g.id, g.settledOn, g.payout, g.rows, perCurrency(g, g.gross), perCurrency(g, g.fees), perCurrency(g, g.taxes), money(g.net),
        money(received), Optional.ofNullable(receivedOn), due, status, fx, g.flagged);
  }

  private Fx fx(Group g, Map<String, TreeMap<LocalDate, ReferenceRate>> rates, List<SettlementFinding> findings) {
    BigDecimal base = money(g.convertedBase);
    BigDecimal net = money(g.convertedNet);
    Optional<BigDecimal> effective = base.signum() > 0 ? Optional.of(net.divide(base, MC)) : Optional.empty();
    ReferenceRate direct = floor(rates.get(g.convertedFrom + ">" + g.payout), g.settledOn);
    ReferenceRate inverse = floor(rates.get(g.payout + ">" + g.convertedFrom), g.settledOn);
    ReferenceRate ref = direct != null && (inverse == null || !direct.date().isBefore(inverse.date())) ? direct : inverse;
    if (ref == null || effective.isEmpty()) {
      return new Fx(g.convertedFrom, base, net, effective.orElse(null), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    boolean inverted = ref == inverse && ref != direct;
    BigDecimal referenceRate = inverted ? BigDecimal.ONE.divide(ref.rate(), MC) : ref.rate();
    String referenceText = inverted ? "1/" + ref.rate().toPlainString() : ref.rate().toPlainString();
    BigDecimal atReference = (inverted ? base.divide(ref.rate(), MC) : base.multiply(ref.rate())).setScale(2, RoundingMode.HALF_UP);
    BigDecimal cost = atReference.subtract(net);
    // worse by more than the tolerance: net < base * reference * (100 - tolerance) / 100, compared exactly
    BigDecimal allowed = HUNDRED.subtract(config.fxTolerancePercent());
    boolean worse = inverted
        ? net.multiply(HUNDRED).multiply(ref.rate()).compareTo(base.multiply(allowed)) < 0
        : net.multiply(HUNDRED).compareTo(base.multiply(ref.rate()).multiply(allowed)) < 0;
    BigDecimal deviation = BigDecimal.ONE.subtract(effective.get().divide(referenceRate, MC)).multiply(HUNDRED);
    if (worse) {
      g.flagged = true;
      findings.add(new SettlementFinding(SettlementCategory.FX_RATE_DEVIATION, g.id, Order.NO_CIP, "", atReference, net, g.payout,
          "effective rate " + effective.get().setScale(6, RoundingMode.HALF_UP).toPlainString() + " " + g.convertedFrom + "->" + g.payout + " vs reference " + referenceText
              + " (" + ref.source() + ", " + ref.date() + "): " + deviation.setScale(4, RoundingMode.HALF_UP).toPlainString() + "% worse, over tolerance "
              + config.fxTolerancePercent().toPlainString() + "%; cost " + cost.toPlainString() + " " + g.payout, g.settledOn));
    }
    return new Fx(g.convertedFrom, base, net, effective.get(), Optional.of(referenceRate), Optional.of(referenceText), Optional.of(ref.date()), Optional.of(ref.source()),
        Optional.of(cost), Optional.of(deviation));
  }

  private static ReferenceRate floor(TreeMap<LocalDate, ReferenceRate> byDate, LocalDate date) {
    if (byDate == null) {
      return null;
    }
    Map.Entry<LocalDate, ReferenceRate> e = byDate.floorEntry(date);
    return e == null ? null : e.getValue();
  }

  private static Map<Currency, BigDecimal> perCurrency(Group g, long[] amounts) {
    Map<Currency, BigDecimal> m = new EnumMap<>(Currency.class);
    for (Currency c : Currency.values()) {
      if (g.present[c.ordinal()]) {
        m.put(c, money(amounts[c.ordinal()]));
      }
    }
    return m;
  }

  private static Map<Currency, CurrencySettlementTotals> totals(
      List<SettlementRow> rows, List<SettlementSummary> summaries, List<Group> ordered, List<BankCredit> unexpected, long[] notSettledCount, long[] notSettled) {
    int n = Currency.values().length;
    long[] count = new long[n];
    long[] gross = new long[n];
    long[] fees = new long[n];
    long[] taxes = new long[n];
    for (SettlementRow r : rows) {
      int c = r.currency().ordinal();
      count[c]++;
      gross[c] += r.grossMinor();
      fees[c] += r.feeMinor();
      taxes[c] += r.feeTaxMinor();
    }
    long[] settlements = new long[n];
    BigDecimal[] net = zeros(n);
    BigDecimal[] received = zeros(n);
    BigDecimal[] inTransit = zeros(n);
    BigDecimal[] notReceived = zeros(n);
    BigDecimal[] shortfall = zeros(n);
    BigDecimal[] fxCost = zeros(n);
    BigDecimal[] disputed = zeros(n);
    for (int i = 0; i < summaries.size(); i++) {
      SettlementSummary s = summaries.get(i);
      int c = s.payoutCurrency().ordinal();
      settlements[c]++;
      net[c] = net[c].add(s.net());
      received[c] = received[c].add(s.received());
      switch (s.status()) {
        case IN_TRANSIT:
          inTransit[c] = inTransit[c].add(s.net());
          break;
        case NOT_RECEIVED:
          notReceived[c] = notReceived[c].add(s.net());
          break;
        case SHORT:
          shortfall[c] = shortfall[c].add(s.net().subtract(s.received()));
          break;
        default:
          break;
      }
      if (s.fx().isPresent() && s.fx().get().cost().isPresent()) {
        fxCost[c] = fxCost[c].add(s.fx().get().cost().get());
      }
      if (ordered.get(i).flagged) {
        disputed[c] = disputed[c].add(s.net());
      }
    }
    long[] unexpectedCount = new long[n];
    long[] unexpectedAmount = new long[n];
    for (BankCredit c : unexpected) {
      unexpectedCount[c.currency().ordinal()]++;
      unexpectedAmount[c.currency().ordinal()] += c.amountMinor();
    }
    Map<Currency, CurrencySettlementTotals> totals = new EnumMap<>(Currency.class);
    for (Currency cur : Currency.values()) {
      int c = cur.ordinal();
      totals.put(cur, new CurrencySettlementTotals(count[c], money(gross[c]), money(fees[c]), money(taxes[c]), settlements[c], net[c], received[c], inTransit[c],
          notReceived[c], shortfall[c], unexpectedCount[c], money(unexpectedAmount[c]), fxCost[c], disputed[c], notSettledCount[c], money(notSettled[c])));
    }
    return totals;
  }

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] a = new BigDecimal[n];
    java.util.Arrays.fill(a, money(0));
    return a;
  }

  private static Map<Currency, FeeContract> fees(List<FeeContract> contracts) throws SettlementConflictException {
    Map<Currency, FeeContract> fees = new EnumMap<>(Currency.class);
    for (FeeContract f : contracts) {
      FeeContract previous = fees.putIfAbsent(f.currency(), f);
      if (previous != null) {
        throw new SettlementConflictException(Source.FEES, Math.max(f.line(), previous.line()), "currency",
            "two contracts for " + f.currency() + " (lines " + Math.min(f.line(), previous.line()) + " and " + Math.max(f.line(), previous.line()) + ")");
      }
    }
    return fees;
  }

  private static Map<String, TreeMap<LocalDate, ReferenceRate>> rates(List<ReferenceRate> rates) throws SettlementConflictException {
    Map<String, TreeMap<LocalDate, ReferenceRate>> byPair = new HashMap<>();
    for (ReferenceRate r : rates) {
      if (r.from() == r.to()) {
        continue;
      }
      TreeMap<LocalDate, ReferenceRate> byDate = byPair.computeIfAbsent(r.from() + ">" + r.to(), k -> new TreeMap<>());
      ReferenceRate previous = byDate.get(r.date());
      if (previous == null) {
        byDate.put(r.date(), r);
      } else if (previous.rate().compareTo(r.rate()) != 0) {
        throw new SettlementConflictException(Source.RATES, Math.max(r.line(), previous.line()), "rate",
            "two different " + r.from() + "->" + r.to() + " rates for " + r.date() + " (lines " + Math.min(r.line(), previous.line()) + " and " + Math.max(r.line(), previous.line()) + ")");
      } else if (r.source().compareTo(previous.source()) < 0) {
        byDate.put(r.date(), r);
      }
    }
    return byPair;
  }

  static BigDecimal money(long minor) {
    return BigDecimal.valueOf(minor, 2);
  }

  private static long minor(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
