package io.pagorecon.core.statement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: the statement's table of contents, written last. Readers trust a
 * statement only through it: the CSV's SHA-256, its row count and its totals.
 *
 * @param totals per currency and status, the sum of the rows' amounts
 * @param queried how many CIPs were asked for
 * @param notFound CIPs the system knows that PagoEfectivo does not (no row)
 * @param conflicts where a settlement file disagrees with the API (the API row is kept)
 */
public record Manifest(
    LocalDate businessDate,
    String stage,
    Instant generatedAt,
    List<String> sources,
    String sha256,
    long csvBytes,
    int rowCount,
    Map<PaymentState, Integer> rowsByStatus,
    Map<Currency, Map<PaymentState, Money>> totals,
    int queried,
    List<String> notFound,
    int settlementRows,
    List<Conflict> conflicts,
    List<String> settlementErrors) {

  public static final int FORMAT_VERSION = 1;

  /** A field on which a settlement file and the API disagree about one CIP. */
  public record Conflict(String cip, String field, String api, String settlement, String file) {}

  public Manifest {
    sources = List.copyOf(sources);
    rowsByStatus = Map.copyOf(rowsByStatus);
    totals = Map.copyOf(totals);
    notFound = List.copyOf(notFound);
    conflicts = List.copyOf(conflicts);
    settlementErrors = List.copyOf(settlementErrors);
  }

  /** Counts and totals of {@code rows}. */
  static Map<PaymentState, Integer> countByStatus(List<StatementRow> rows) {
    Map<PaymentState, Integer> out = new EnumMap<>(PaymentState.class);
    rows.forEach(r -> out.merge(r.status(), 1, Integer::sum));
    return out;
  }

  static Map<Currency, Map<PaymentState, Money>> totalsOf(List<StatementRow> rows) {
    Map<Currency, Map<PaymentState, Money>> out = new EnumMap<>(Currency.class);
    for (StatementRow r : rows) {
      r.amount().ifPresent(m -> out.computeIfAbsent(m.currency(), c -> new EnumMap<>(PaymentState.class)).merge(r.status(), m, Money::plus));
    }
    return out;
  }

  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("formatVersion", FORMAT_VERSION);
      g.writeStringField("businessDate", businessDate.toString());
      g.writeStringField("stage", stage);
      g.writeStringField("generatedAt", generatedAt.toString());
      g.writeArrayFieldStart("sources");
      for (String s : sources) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("file");
      g.writeStringField("name", "statement.csv");
      g.writeStringField("sha256", sha256);
      g.writeNumberField("bytes", csvBytes);
      g.writeNumberField("rows", rowCount);
      g.writeEndObject();
      g.writeObjectFieldStart("rowsByStatus");
      for (Map.Entry<PaymentState, Integer> e : new TreeMap<>(rowsByStatus).entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeObjectFieldStart("totals");
      for (Map.Entry<Currency, Map<PaymentState, Money>> c : new TreeMap<>(totals).entrySet()) {
        g.writeObjectFieldStart(c.getKey().name());
        for (Map.Entry<PaymentState, Money> s : new TreeMap<>(c.getValue()).entrySet()) {
          g.writeStringField(s.getKey().name(), s.getValue().toPlainString());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeNumberField("queried", queried);
      g.writeArrayFieldStart("notFound");
      for (String cip : notFound) {
        g.writeString(cip);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("settlement");
      g.writeNumberField("rows", settlementRows);
      g.writeArrayFieldStart("conflicts");
      for (Conflict c : conflicts) {
        g.writeStartObject();
        g.writeStringField("cip", c.cip());
        g.writeStringField("field", c.field());
        g.writeStringField("api", c.api());
        g.writeStringField("settlement", c.settlement());
        g.writeStringField("file", c.file());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("errors");
      for (String e : settlementErrors) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
