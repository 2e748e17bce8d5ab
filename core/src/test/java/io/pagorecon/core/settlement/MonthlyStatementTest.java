package io.pagorecon.core.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.files.MonthlyStatementWriters;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.reconcile.StatementRow;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyStatementTest {

  private final List<StatementRow> statement = new ArrayList<>();
  private final List<SettlementRow> rows = new ArrayList<>();
  private final List<BankCredit> credits = new ArrayList<>();
  private final List<FeeContract> fees = List.of(new FeeContract(Currency.PEN, new BigDecimal("3.5"), new BigDecimal("0.50"), new BigDecimal("18"), new BigDecimal("1.00"), 2));

  private void settled(String id, String on, long cip, String payout, String rate, String net) {
    statement.add(StatementRow.of(Long.toString(cip), "O" + cip, Money.of("100.00", Currency.PEN), PaymentState.PAID, Instant.parse(on + "T12:00:00Z").minusSeconds(86400),
        null, Instant.parse(on + "T12:00:00Z").minusSeconds(86400), null));
    rows.add(new SettlementRow(id, LocalDate.parse(on), cip, "O" + cip, 10000, Currency.PEN, 400, 72, new BigDecimal(net).movePointRight(2).longValueExact(),
        Currency.valueOf(payout), rate == null ? null : new BigDecimal(rate), rows.size() + 2));
  }

  @Test
  void monthlyStatement_shouldAddUpTheSettlementsOfTheMonth_byCurrency() throws Exception {
    settled("LQ-A", "2024-01-16", 1, "PEN", null, "95.28");
    settled("LQ-B", "2024-01-30", 2, "PEN", null, "95.28");
    settled("LQ-C", "2024-01-17", 3, "USD", "0.26", "24.77");
    settled("LQ-OLD", "2023-12-28", 4, "PEN", null, "95.28");
    settled("LQ-LATE", "2024-01-10", 5, "PEN", null, "95.28");
    credits.add(new BankCredit(LocalDate.parse("2024-01-17"), 9528, Currency.PEN, "LQ-A", 2));
    credits.add(new BankCredit(LocalDate.parse("2024-01-18"), 2477, Currency.USD, "LQ-C", 3));
    credits.add(new BankCredit(LocalDate.parse("2024-01-20"), 1000, Currency.PEN, "OTRO", 4));
    credits.add(new BankCredit(LocalDate.parse("2023-12-29"), 9528, Currency.PEN, "LQ-OLD", 5));
    statement.add(StatementRow.of("9", "O9", Money.of("30.00", Currency.PEN), PaymentState.PAID, Instant.parse("2024-01-20T15:00:00Z"), null,
        Instant.parse("2024-01-20T15:00:00Z"), null));
    List<ReferenceRate> rates = List.of(new ReferenceRate(LocalDate.parse("2024-01-15"), Currency.PEN, Currency.USD, new BigDecimal("0.27"), "SBS", 2));
    SettlementResult r = new Settler(SettlementConfig.defaults()).settle(new SettlementInput(statement, rows, credits, fees, rates), LocalDate.parse("2024-01-31"));

    MonthlyStatement m = MonthlyStatement.of(r, YearMonth.of(2024, 1));

    assertEquals(List.of("LQ-LATE", "LQ-A", "LQ-C", "LQ-B"), m.settlements().stream().map(SettlementSummary::settlementId).toList());
    MonthlyStatement.Lines pen = m.byCurrency().get(Currency.PEN);
    assertEquals(new BigDecimal("400.00"), pen.gross());
    assertEquals(new BigDecimal("16.00"), pen.fees());
    assertEquals(new BigDecimal("2.88"), pen.taxes());
    assertEquals(3, pen.settlements());
    assertEquals(new BigDecimal("285.84"), pen.netPaidOut());
    assertEquals(new BigDecimal("95.28"), pen.received());
    assertEquals(new BigDecimal("95.28"), pen.inTransit());
    assertEquals(new BigDecimal("95.28"), pen.notReceived());
    assertEquals(new BigDecimal("95.28"), pen.disputed());
    assertEquals(new BigDecimal("10.00"), pen.unexpectedCredits());
    assertEquals(new BigDecimal("30.00"), pen.paidNotSettled());
    MonthlyStatement.Lines usd = m.byCurrency().get(Currency.USD);
    assertEquals(new BigDecimal("24.77"), usd.netPaidOut());
    assertEquals(new BigDecimal("24.77"), usd.received());
    // 95.28 x 0.27 = 25.7256 -> 25.73 at the reference; paid 24.77
    assertEquals(new BigDecimal("0.96"), usd.fxCost());

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeCsv(m, csv);
    String text = csv.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFFsection,currency,item,amount,count,source\n"), text);
    assertTrue(text.contains("summary,PEN,net_paid_out,285.84,3,"), text);
    assertTrue(text.contains("\nLQ-C,2024-01-17,USD,1,100.00 PEN,4.00 PEN,0.72 PEN,24.77,24.77,2024-01-18,2024-01-22,RECEIVED,0.96,true\n"), text);
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    MonthlyStatementWriters.writeHtml(m, html);
    assertTrue(html.toString(StandardCharsets.UTF_8).contains("<td class=\"n\">285.84</td>"));
    assertEquals("monthly-statement-2024-01.csv", MonthlyStatementWriters.csvName(m));
  }
}
