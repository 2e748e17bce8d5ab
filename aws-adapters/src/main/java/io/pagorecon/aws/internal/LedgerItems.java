package io.pagorecon.aws.internal;

import io.pagorecon.core.ledger.LedgerChange;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.ledger.FindingCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ledger table's item layout (docs/data-model.md), in one place. */
public final class LedgerItems {

  public static final String PK = "pk";
  public static final String STATUS = "status";
  public static final String LAST_SEEN = "lastSeenDate";
  public static final String VERSION = "version";
  public static final String BY_STATUS = "byStatus";

  private LedgerItems() {}

  public static Map<String, AttributeValue> key(String id) {
    return Map.of(PK, AttributeValue.fromS(id));
  }

  public static Map<String, AttributeValue> item(LedgerEntry e) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put(PK, s(e.id()));
    m.put("kind", s("discrepancy"));
    m.put("category", s(e.category().name()));
    m.put("severity", s(e.severity().wire()));
    m.put("orderId", s(e.orderId()));
    m.put("cip", s(e.cip()));
    m.put("detail", s(e.detail()));
    e.orderAmount().ifPresent(a -> {
      m.put("orderAmount", s(a.toPlainString()));
      m.put("orderCurrency", s(a.currency().name()));
    });
    e.gatewayAmount().ifPresent(a -> {
      m.put("gatewayAmount", s(a.toPlainString()));
      m.put("gatewayCurrency", s(a.currency().name()));
    });
    e.currency().ifPresent(c -> m.put("currency", s(c.name())));
    e.businessDate().ifPresent(d -> m.put("businessDate", s(d.toString())));
    m.put(STATUS, s(e.status().name()));
    e.owner().ifPresent(o -> m.put("owner", s(o)));
    m.put("notes", AttributeValue.fromL(e.notes().stream().map(LedgerItems::s).toList()));
    List<AttributeValue> history = new ArrayList<>();
    for (LedgerChange c : e.history()) {
      Map<String, AttributeValue> h = new HashMap<>();
      h.put("at", s(c.at().toString()));
      h.put("actor", s(c.actor()));
      h.put("action", s(c.action()));
      c.from().ifPresent(f -> h.put("from", s(f.name())));
      h.put("to", s(c.to().name()));
      h.put("note", s(c.note()));
      history.add(AttributeValue.fromM(h));
    }
    m.put("history", AttributeValue.fromL(history));
    m.put("firstSeenDate", s(e.firstSeenDate().toString()));
    m.put(LAST_SEEN, s(e.lastSeenDate().toString()));
    m.put(VERSION, AttributeValue.fromN(Long.toString(e.version())));
    m.put("alertPending", AttributeValue.fromBool(e.alertPending()));
    return m;
  }

  public static LedgerEntry entry(Map<String, AttributeValue> m) {
    List<LedgerChange> history = new ArrayList<>();
    for (AttributeValue v : m.getOrDefault("history", AttributeValue.fromL(List.of())).l()) {
      Map<String, AttributeValue> h = v.m();
      history.add(new LedgerChange(
          Instant.parse(h.get("at").s()),
          h.get("actor").s(),
          h.get("action").s(),
          Optional.ofNullable(h.get("from")).map(x -> LedgerStatus.valueOf(x.s())),
          LedgerStatus.valueOf(h.get("to").s()),
          Optional.ofNullable(h.get("note")).map(AttributeValue::s).orElse("")));
    }
    return new LedgerEntry(
        m.get(PK).s(),
        FindingCategory.parse(m.get("category").s()).orElseThrow(() -> new IllegalArgumentException("unknown ledger category " + m.get("category").s())),
        text(m, "orderId").orElse(""),
        text(m, "cip").orElse(""),
        text(m, "detail").orElse(""),
        money(m, "orderAmount", "orderCurrency"),
        money(m, "gatewayAmount", "gatewayCurrency"),
        text(m, "currency").map(Currency::valueOf),
        text(m, "businessDate").map(LocalDate::parse),
        LedgerStatus.valueOf(m.get(STATUS).s()),
        text(m, "owner"),
        m.getOrDefault("notes", AttributeValue.fromL(List.of())).l().stream().map(AttributeValue::s).toList(),
        history,
        LocalDate.parse(m.get("firstSeenDate").s()),
        LocalDate.parse(m.get(LAST_SEEN).s()),
        Long.parseLong(m.get(VERSION).n()),
        Optional.ofNullable(m.get("alertPending")).map(AttributeValue::bool).orElse(false));
  }

  private static Optional<Money> money(Map<String, AttributeValue> m, String amount, String currency) {
    Optional<String> a = text(m, amount);
    Optional<String> c = text(m, currency);
    return a.isPresent() && c.isPresent() ? Optional.of(Money.of(a.get(), Currency.valueOf(c.get()))) : Optional.empty();
  }

  private static Optional<String> text(Map<String, AttributeValue> m, String name) {
    return Optional.ofNullable(m.get(name)).map(AttributeValue::s);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
