package io.pagorecon.core.files;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.settlement.MonthlyStatement;
import io.pagorecon.core.settlement.MonthlyStatement.Lines;
import io.pagorecon.core.settlement.SettlementFinding;
import io.pagorecon.core.settlement.SettlementSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the one-page monthly statement for finance as CSV (UTF-8 with BOM, for Excel) and as a
 * self-contained HTML page. Both carry the same figures: a summary per currency, then the
 * settlements they add up, then the unexpected credits and the paid CIPs not settled; every
 * settlement traces to its rows in the settlement export by {@code settlement_id}.
 */
public final class MonthlyStatementWriters {

  /** The summary lines in order: label, how the figure is made, the figure. */
  private record Item(String key, String label, String source, Function<Lines, BigDecimal> value) {}

  private static final List<Item> ITEMS = List.of(
      new Item("gross", "Gross collected", "sum of gross_amount of the rows collected in this currency", Lines::gross),
      new Item("fees", "Fees", "sum of fee of those rows", Lines::fees),
      new Item("taxes", "Taxes on fees", "sum of fee_tax of those rows", Lines::taxes),
      new Item("net_paid_out", "Net paid out", "sum of net_amount of the settlements paid out in this currency", Lines::netPaidOut),
      new Item("received", "Received in the bank", "sum of the bank credits that belong to those settlements", Lines::received),
      new Item("fx_cost", "FX cost against the reference", "sum of (converted base x reference rate - converted net) of those settlements", Lines::fxCost),
      new Item("in_transit", "In transit", "net of the settlements whose payout is not due yet", Lines::inTransit),
      new Item("not_received", "Not received (overdue)", "net of the settlements with PAYOUT_NOT_RECEIVED", Lines::notReceived),
      new Item("shortfall", "Short paid", "net minus received of the settlements with PAYOUT_SHORT", Lines::shortfall),
      new Item("disputed", "Disputed", "net of the settlements with at least one finding", Lines::disputed),
      new Item("unexpected_credits", "Unexpected credits", "bank credits that belong to no settlement, booked this month", Lines::unexpectedCredits),
      new Item("paid_not_settled", "Paid, not settled", "statement amount of the CIPs with SETTLEMENT_MISSING, paid this month", Lines::paidNotSettled));

  private MonthlyStatementWriters() {}

  public static String csvName(MonthlyStatement m) {
    return "monthly-statement-" + m.month() + ".csv";
  }

  public static String htmlName(MonthlyStatement m) {
    return "monthly-statement-" + m.month() + ".html";
  }

  public static void writeCsv(MonthlyStatement m, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write('\uFEFF');
    w.write("section,currency,item,amount,count,source\n");
    for (Currency c : Currency.values()) {
      Lines l = m.byCurrency().get(c);
      for (Item item : ITEMS) {
        row(w, "summary", c.name(), item.key(), item.value().apply(l).toPlainString(), item.key().equals("net_paid_out") ? Long.toString(l.settlements()) : "", item.source());
      }
    }
    w.write("\nsettlement_id,settled_on,payout_currency,rows,gross,fees,taxes,net,received,received_on,payout_due,status,fx_cost,disputed\n");
    for (SettlementSummary s : m.settlements()) {
      StringBuilder b = new StringBuilder();
      for (String v : List.of(s.settlementId(), s.settledOn().toString(), s.payoutCurrency().name(), Long.toString(s.rows()), perCurrency(s.gross()), perCurrency(s.fees()),
          perCurrency(s.taxes()), s.net().toPlainString(), s.received().toPlainString(), s.receivedOn().map(Object::toString).orElse(""), s.payoutDue().toString(),
          s.status().name(), s.fx().flatMap(SettlementSummary.Fx::cost).map(BigDecimal::toPlainString).orElse(""), Boolean.toString(s.disputed()))) {
        DiscrepanciesCsvWriter.field(b, v);
      }
      b.setLength(b.length() - 1);
      w.write(b.append('\n').toString());
    }
    w.write("\ncategory,cip,transaction_code,amount,currency,detail\n");
    List<SettlementFinding> listed = new ArrayList<>(m.unexpectedCredits());
    listed.addAll(m.notSettled());
    for (SettlementFinding f : listed) {
      StringBuilder b = new StringBuilder();
      BigDecimal amount = f.actual() != null ? f.actual() : f.expected();
      for (String v : List.of(f.category().name(), Cips.format(f.cip()), f.transactionCode(), amount.toPlainString(), f.currency().name(), f.detail())) {
        DiscrepanciesCsvWriter.field(b, v);
      }
      b.setLength(b.length() - 1);
      w.write(b.append('\n').toString());
    }
    w.flush();
  }

  private static void row(Writer w, String... values) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      DiscrepanciesCsvWriter.field(b, v);
    }
    b.setLength(b.length() - 1);
    w.write(b.append('\n').toString());
  }

  private static String perCurrency(Map<Currency, BigDecimal> amounts) {
    return amounts.entrySet().stream().map(e -> e.getValue().toPlainString() + " " + e.getKey()).collect(Collectors.joining("; "));
  }

  public static void writeHtml(MonthlyStatement m, OutputStream out) throws IOException {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Monthly settlement statement ").append(m.month()).append("</title>\n")
        .append("<style>body{font:13px/1.4 sans-serif;margin:24px}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3;text-align:left}small{color:#666}</style></head><body>\n");
    h.append("<h1>Monthly settlement statement ").append(m.month()).append("</h1>\n<p><small>Settlements settled in ").append(m.month())
        .append(", judged as of the end of ").append(m.asOf()).append(" (America/Lima). Every figure is the sum of the settlements listed below; each settlement is the sum of ")
        .append("its rows in the settlement export (same settlement_id).</small></p>\n");
    h.append("<table><tr><th>Item</th>");
    for (Currency c : Currency.values()) {
      h.append("<th>").append(c).append("</th>");
    }
    h.append("<th>How it is made</th></tr>\n");
    for (Item item : ITEMS) {
      h.append("<tr><td>").append(esc(item.label())).append("</td>");
      for (Currency c : Currency.values()) {
        h.append("<td class=\"n\">").append(item.value().apply(m.byCurrency().get(c)).toPlainString()).append("</td>");
      }
      h.append("<td><small>").append(esc(item.source())).append("</small></td></tr>\n");
    }
    h.append("</table>\n<h2>Settlements (").append(m.settlements().size()).append(")</h2>\n<table><tr><th>settlement_id</th><th>settled_on</th><th>rows</th><th>gross</th>")
        .append("<th>fees</th><th>taxes</th><th>net</th><th>received</th><th>status</th><th>FX cost</th><th>disputed</th></tr>\n");
    for (SettlementSummary s : m.settlements()) {
      h.append("<tr><td>").append(esc(s.settlementId())).append("</td><td>").append(s.settledOn()).append("</td><td class=\"n\">").append(s.rows())
          .append("</td><td class=\"n\">").append(esc(perCurrency(s.gross()))).append("</td><td class=\"n\">").append(esc(perCurrency(s.fees())))
          .append("</td><td class=\"n\">").append(esc(perCurrency(s.taxes()))).append("</td><td class=\"n\">").append(s.net().toPlainString()).append(' ')
          .append(s.payoutCurrency()).append("</td><td class=\"n\">").append(s.received().toPlainString()).append("</td><td>").append(s.status())
          .append("</td><td class=\"n\">").append(s.fx().flatMap(SettlementSummary.Fx::cost).map(BigDecimal::toPlainString).orElse(""))
          .append("</td><td>").append(s.disputed() ? "yes" : "").append("</td></tr>\n");
    }
    h.append("</table>\n");
    List<SettlementFinding> listed = new ArrayList<>(m.unexpectedCredits());
    listed.addAll(m.notSettled());
    if (!listed.isEmpty()) {
      h.append("<h2>Unexpected credits and paid CIPs not settled</h2>\n<table><tr><th>category</th><th>CIP</th><th>amount</th><th>detail</th></tr>\n");
      for (SettlementFinding f : listed) {
        BigDecimal amount = f.actual() != null ? f.actual() : f.expected();
        h.append("<tr><td>").append(f.category()).append("</td><td>").append(Cips.format(f.cip())).append("</td><td class=\"n\">").append(amount.toPlainString())
            .append(' ').append(f.currency()).append("</td><td>").append(esc(f.detail())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body></html>\n");
    out.write(h.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
