package io.pagorecon.core.settlement;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.settlement.SettlementSummary.PayoutStatus;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The month-end close for finance: per currency, what was collected, what PagoEfectivo kept, what
 * it paid out and what reached the bank, for the settlements settled in one month. Every figure is
 * a sum over the listed settlements (each of which is a sum over its rows in the settlement export,
 * by {@code settlement_id}) or over the listed findings, so it can be traced back to rows.
 */
public record MonthlyStatement(YearMonth month, java.time.LocalDate asOf, Map<Currency, Lines> byCurrency, List<SettlementSummary> settlements,
    List<SettlementFinding> unexpectedCredits, List<SettlementFinding> notSettled) {

  /**
   * One currency's figures. Collection figures ({@code gross}, {@code fees}, {@code taxes}) are over
   * rows collected in this currency; payout figures over settlements paid out in it ({@code
   * settlements} of them, with {@code rows} rows).
   */
  public record Lines(long rows, BigDecimal gross, BigDecimal fees, BigDecimal taxes, long settlements, BigDecimal netPaidOut, BigDecimal received,
      BigDecimal fxCost, BigDecimal inTransit, BigDecimal notReceived, BigDecimal shortfall, BigDecimal disputed, BigDecimal unexpectedCredits,
      BigDecimal paidNotSettled) {}

  public MonthlyStatement {
    Objects.requireNonNull(month, "month");
    byCurrency = Map.copyOf(byCurrency);
    settlements = List.copyOf(settlements);
    unexpectedCredits = List.copyOf(unexpectedCredits);
    notSettled = List.copyOf(notSettled);
  }

  /** The close of {@code month} from a run's result: settlements settled in it, credits booked and CIPs paid in it. */
  public static MonthlyStatement of(SettlementResult result, YearMonth month) {
    List<SettlementSummary> inMonth = new ArrayList<>();
    for (SettlementSummary s : result.settlements()) {
      if (YearMonth.from(s.settledOn()).equals(month)) {
        inMonth.add(s);
      }
    }
    List<SettlementFinding> unexpected = new ArrayList<>();
    List<SettlementFinding> missing = new ArrayList<>();
    for (SettlementFinding f : result.findings()) {
      if (!YearMonth.from(f.date()).equals(month)) {
        continue;
      }
      if (f.category() == SettlementCategory.UNEXPECTED_CREDIT) {
        unexpected.add(f);
      } else if (f.category() == SettlementCategory.SETTLEMENT_MISSING) {
        missing.add(f);
      }
    }
    Map<Currency, Lines> lines = new EnumMap<>(Currency.class);
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    for (Currency c : Currency.values()) {
      long rows = 0;
      long settlements = 0;
      BigDecimal[] sum = new BigDecimal[12];
      java.util.Arrays.fill(sum, zero);
      for (SettlementSummary s : inMonth) {
        if (s.gross().containsKey(c)) {
          sum[0] = sum[0].add(s.gross().get(c));
          sum[1] = sum[1].add(s.fees().get(c));
          sum[2] = sum[2].add(s.taxes().get(c));
        }
        if (s.payoutCurrency() != c) {
          continue;
        }
        settlements++;
        rows += s.rows();
        sum[3] = sum[3].add(s.net());
        sum[4] = sum[4].add(s.received());
        sum[5] = sum[5].add(s.fx().flatMap(SettlementSummary.Fx::cost).orElse(zero));
        sum[6] = sum[6].add(s.status() == PayoutStatus.IN_TRANSIT ? s.net() : zero);
        sum[7] = sum[7].add(s.status() == PayoutStatus.NOT_RECEIVED ? s.net() : zero);
        sum[8] = sum[8].add(s.status() == PayoutStatus.SHORT ? s.net().subtract(s.received()) : zero);
        sum[9] = sum[9].add(s.disputed() ? s.net() : zero);
      }
      for (SettlementFinding f : unexpected) {
        sum[10] = f.currency() == c ? sum[10].add(f.actual()) : sum[10];
      }
      for (SettlementFinding f : missing) {
        sum[11] = f.currency() == c ? sum[11].add(f.expected()) : sum[11];
      }
      lines.put(c, new Lines(rows, sum[0], sum[1], sum[2], settlements, sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9],
          sum[10], sum[11]));
    }
    return new MonthlyStatement(month, result.asOf(), lines, inMonth, unexpected, missing);
  }
}
