package io.pagorecon.core.files;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Cips;
import io.pagorecon.core.reconcile.Severity;
import io.pagorecon.core.settlement.CurrencySettlementTotals;
import io.pagorecon.core.settlement.SettlementCategory;
import io.pagorecon.core.settlement.SettlementFinding;
import io.pagorecon.core.settlement.SettlementResult;
import io.pagorecon.core.settlement.SettlementSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code settlement-discrepancies.csv} (UTF-8 with BOM, LF, RFC 4180 quoting) and {@code
 * settlement-summary.json} (keys in a fixed order, amounts as exact decimal strings). Equal results
 * give equal bytes.
 */
public final class SettlementReportWriters {

  public static final String CSV_HEADER = "category,severity,settlement_id,cip,transaction_code,expected,actual,currency,detail";

  private static final JsonFactory JSON = new JsonFactory();

  private SettlementReportWriters() {}

  public static void writeCsv(SettlementResult result, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write('\uFEFF');
    w.write(CSV_HEADER);
    w.write('\n');
    StringBuilder line = new StringBuilder(256);
    for (SettlementFinding f : result.findings()) {
      line.setLength(0);
      DiscrepanciesCsvWriter.field(line, f.category().name());
      DiscrepanciesCsvWriter.field(line, f.severity().wire());
      DiscrepanciesCsvWriter.field(line, f.settlementId());
      DiscrepanciesCsvWriter.field(line, Cips.format(f.cip()));
      DiscrepanciesCsvWriter.field(line, f.transactionCode());
      DiscrepanciesCsvWriter.field(line, f.expected() == null ? "" : f.expected().toPlainString());
      DiscrepanciesCsvWriter.field(line, f.actual() == null ? "" : f.actual().toPlainString());
      DiscrepanciesCsvWriter.field(line, f.currency() == null ? "" : f.currency().name());
      DiscrepanciesCsvWriter.field(line, f.detail());
      line.setLength(line.length() - 1);
      line.append('\n');
      w.append(line);
    }
    w.flush();
  }

  public static void writeSummary(SettlementResult result, OutputStream out) throws IOException {
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("asOf", result.asOf().toString());
      g.writeStringField("zone", "America/Lima");
      g.writeNumberField("discrepancies", result.findings().size());
      g.writeObjectFieldStart("countsByCategory");
      for (SettlementCategory c : SettlementCategory.values()) {
        g.writeNumberField(c.name(), result.countsByCategory().getOrDefault(c, 0L));
      }
      g.writeEndObject();
      Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        bySeverity.put(s, 0L);
      }
      result.findings().forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
      g.writeObjectFieldStart("countsBySeverity");
      for (Severity s : Severity.values()) {
        g.writeNumberField(s.wire(), bySeverity.get(s));
      }
      g.writeEndObject();
      g.writeArrayFieldStart("settlements");
      for (SettlementSummary s : result.settlements()) {
        settlement(g, s);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("totals");
      for (Currency cur : Currency.values()) {
        CurrencySettlementTotals t = result.totals().get(cur);
        g.writeObjectFieldStart(cur.name());
        g.writeNumberField("settledRows", t.settledRows());
        g.writeStringField("gross", t.gross().toPlainString());
        g.writeStringField("fees", t.fees().toPlainString());
        g.writeStringField("taxes", t.taxes().toPlainString());
        g.writeNumberField("settlements", t.settlements());
        g.writeStringField("netPaidOut", t.netPaidOut().toPlainString());
        g.writeStringField("received", t.received().toPlainString());
        g.writeStringField("inTransit", t.inTransit().toPlainString());
        g.writeStringField("notReceived", t.notReceived().toPlainString());
        g.writeStringField("shortfall", t.shortfall().toPlainString());
        g.writeNumberField("unexpectedCreditCount", t.unexpectedCreditCount());
        g.writeStringField("unexpectedCredits", t.unexpectedCredits().toPlainString());
        g.writeStringField("fxCost", t.fxCost().toPlainString());
        g.writeStringField("disputed", t.disputed().toPlainString());
        g.writeNumberField("notSettledCount", t.notSettledCount());
        g.writeStringField("notSettled", t.notSettled().toPlainString());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void settlement(JsonGenerator g, SettlementSummary s) throws IOException {
    g.writeStartObject();
    g.writeStringField("settlementId", s.settlementId());
    g.writeStringField("settledOn", s.settledOn().toString());
    g.writeStringField("payoutCurrency", s.payoutCurrency().name());
    g.writeNumberField("rows", s.rows());
    amounts(g, "gross", s.gross());
    amounts(g, "fees", s.fees());
    amounts(g, "taxes", s.taxes());
    g.writeStringField("net", s.net().toPlainString());
    g.writeStringField("received", s.received().toPlainString());
    g.writeStringField("receivedOn", s.receivedOn().map(Object::toString).orElse(null));
    g.writeStringField("payoutDue", s.payoutDue().toString());
    g.writeStringField("status", s.status().name());
    Optional<SettlementSummary.Fx> fx = s.fx();
    g.writeStringField("fxCost", fx.flatMap(SettlementSummary.Fx::cost).map(BigDecimal::toPlainString).orElse(null));
    if (fx.isPresent()) {
      SettlementSummary.Fx x = fx.get();
      g.writeObjectFieldStart("fx");
      g.writeStringField("from", x.from().name());
      g.writeStringField("base", x.base().toPlainString());
      g.writeStringField("net", x.net().toPlainString());
      g.writeStringField("effectiveRate", x.effectiveRate() == null ? null : x.effectiveRate().setScale(8, RoundingMode.HALF_UP).toPlainString());
      g.writeStringField("referenceRate", x.referenceText().orElse(null));
      g.writeStringField("referenceDate", x.referenceDate().map(Object::toString).orElse(null));
      g.writeStringField("source", x.source().orElse(null));
      g.writeStringField("deviationPercent", x.deviationPercent().map(d -> d.setScale(4, RoundingMode.HALF_UP).toPlainString()).orElse(null));
      g.writeEndObject();
    } else {
      g.writeNullField("fx");
    }
    g.writeEndObject();
  }

  private static void amounts(JsonGenerator g, String name, Map<Currency, BigDecimal> amounts) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<Currency, BigDecimal> e : amounts.entrySet()) {
      g.writeStringField(e.getKey().name(), e.getValue().toPlainString());
    }
    g.writeEndObject();
  }
}
