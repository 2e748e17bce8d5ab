package io.pagorecon.core.files;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.CurrencyTotals;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.reconcile.ReconcileResult;
import io.pagorecon.core.reconcile.Severity;
import io.pagorecon.core.time.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes {@code summary.json}: scope, matched count, counts per category (every category, in
 * Contract 1 order) and per severity, totals per currency (amounts as exact decimal strings). Keys
 * are always written in the same order with LF line endings, so equal results give equal bytes.
 */
public final class SummaryJsonWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private final ZoneId businessZone;

  public SummaryJsonWriter(ZoneId businessZone) {
    this.businessZone = businessZone;
  }

  public void write(ReconcileResult result, OutputStream out) throws IOException {
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("businessDate", result.date().map(Object::toString).orElse(null));
      g.writeStringField("asOf", Timestamps.format(result.asOf().atZone(businessZone).toOffsetDateTime()));
      g.writeStringField("zone", businessZone.getId());
      g.writeBooleanField("empty", result.empty());
      g.writeNumberField("matched", result.matched());
      g.writeNumberField("discrepancies", result.discrepancies().size());
      g.writeObjectFieldStart("countsByCategory");
      for (Category c : Category.values()) {
        g.writeNumberField(c.name(), result.countsByCategory().getOrDefault(c, 0L));
      }
      g.writeEndObject();
      Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        bySeverity.put(s, 0L);
      }
      for (Discrepancy d : result.discrepancies()) {
        bySeverity.merge(d.severity(), 1L, Long::sum);
      }
      g.writeObjectFieldStart("countsBySeverity");
      for (Severity s : Severity.values()) {
        g.writeNumberField(s.wire(), bySeverity.get(s));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("totals");
      for (Currency cur : Currency.values()) {
        CurrencyTotals t = result.totals().get(cur);
        g.writeObjectFieldStart(cur.name());
        g.writeNumberField("orders", t.orders());
        g.writeStringField("orderAmount", t.orderAmount().toPlainString());
        g.writeNumberField("paidCips", t.paidCips());
        g.writeStringField("paidAmount", t.paidAmount().toPlainString());
        g.writeNumberField("matched", t.matched());
        g.writeStringField("matchedAmount", t.matchedAmount().toPlainString());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
  }
}
