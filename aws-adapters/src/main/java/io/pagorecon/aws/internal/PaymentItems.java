package io.pagorecon.aws.internal;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The payments table's items (docs/data-model.md), to and from attribute maps. */
public final class PaymentItems {

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String STATE_SK = "STATE";
  public static final String VERSION = "version";
  public static final String TTL = "ttl";
  public static final String OPEN_SHARD = "openShard";
  public static final String NEXT_CHECK_AT = "nextCheckAt";
  public static final int OPEN_SHARDS = 8;
  /** On the state item: the facts it has recorded, factKey → {@link #factEntry}. */
  public static final String FACTS = "facts";
  /** On the state item: the business dates with a {@code DAY#} item for the CIP (SS). */
  public static final String DAYS = "days";
  /** State attributes a state write removes when the new state lacks them. */
  public static final java.util.List<String> OPTIONAL_STATE = java.util.List.of(
      "orderId", "amount", "currency", "createdAt", "expiresAt", "paidAt", OPEN_SHARD, NEXT_CHECK_AT);

  private PaymentItems() {}

  public static String cipPk(String cip) {
    return "CIP#" + cip;
  }

  public static String factSk(String factKey) {
    return "EVENT#" + factKey;
  }

  public static String dayPk(LocalDate date) {
    return "DAY#" + date;
  }

  /** Spreads open CIPs over a few partitions of the sparse byNextCheck index. */
  public static String openShard(String cip) {
    return "OPEN#" + Math.floorMod(cip.hashCode(), OPEN_SHARDS);
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, s(pk), SK, s(sk));
  }

  public static Map<String, AttributeValue> stateItem(CipPayment p, long version) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(cipPk(p.cip())));
    item.put(SK, s(STATE_SK));
    item.put("cip", s(p.cip()));
    item.put("state", s(p.state().name()));
    item.put(VERSION, n(version));
    p.orderId().ifPresent(v -> item.put("orderId", s(v)));
    p.amount().ifPresent(m -> {
      item.put("amount", s(m.toPlainString()));
      item.put("currency", s(m.currency().name()));
    });
    p.createdAt().ifPresent(t -> item.put("createdAt", s(iso(t))));
    p.expiresAt().ifPresent(t -> item.put("expiresAt", s(iso(t))));
    p.paidAt().ifPresent(t -> item.put("paidAt", s(iso(t))));
    item.put("updatedAt", s(p.updatedAt().toString()));
    item.put("lastSource", s(p.lastSource().wireName()));
    item.put("checkStep", n(p.checkStep()));
    p.nextCheckAt().ifPresent(at -> {
      item.put(OPEN_SHARD, s(openShard(p.cip())));
      item.put(NEXT_CHECK_AT, n(at.getEpochSecond()));
    });
    return item;
  }

  public static CipPayment fromStateItem(Map<String, AttributeValue> item) {
    Optional<Money> amount = text(item, "amount").map(a -> new Money(new BigDecimal(a),
        Currency.parse(text(item, "currency").orElse("")).orElseThrow(() -> new IllegalStateException("state item without a valid currency"))));
    return new CipPayment(
        text(item, "cip").orElseThrow(),
        PaymentState.valueOf(text(item, "state").orElseThrow()),
        number(item, VERSION).orElse(0L),
        text(item, "orderId"),
        amount,
        text(item, "createdAt").map(OffsetDateTime::parse),
        text(item, "expiresAt").map(OffsetDateTime::parse),
        text(item, "paidAt").map(OffsetDateTime::parse),
        Instant.parse(text(item, "updatedAt").orElseThrow()),
        Source.valueOf(text(item, "lastSource").orElseThrow().toUpperCase(Locale.ROOT)),
        number(item, NEXT_CHECK_AT).map(Instant::ofEpochSecond),
        number(item, "checkStep").orElse(0L).intValue());
  }

  /** The notification item; {@code applied} tells whether it changed the state. */
  public static Map<String, AttributeValue> factItem(PaymentFact f, boolean applied, long ttlEpochSeconds) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(cipPk(f.cip())));
    item.put(SK, s(factSk(f.factKey())));
    item.put("cip", s(f.cip()));
    item.put("factKey", s(f.factKey()));
    item.put("event", s(f.event().name()));
    item.put("source", s(f.source().wireName()));
    item.put("receivedAt", s(f.observedAt().toString()));
    item.put("businessDate", s(f.businessDate().toString()));
    f.amount().ifPresent(m -> {
      item.put("amount", s(m.toPlainString()));
      item.put("currency", s(m.currency().name()));
    });
    f.orderId().ifPresent(v -> item.put("orderId", s(v)));
    f.paidAt().ifPresent(t -> item.put("paidAt", s(iso(t))));
    f.expiresAt().ifPresent(t -> item.put("expiresAt", s(iso(t))));
    f.operationNumber().ifPresent(v -> item.put("operationNumber", s(v)));
    f.rawBody().ifPresent(v -> item.put("body", s(v)));
    f.evidenceKey().ifPresent(v -> item.put("evidenceKey", s(v)));
    item.put("applied", AttributeValue.fromBool(applied));
    item.put(TTL, n(ttlEpochSeconds));
    return item;
  }

  /**
   * A fact as the state item keeps it under {@code facts.<factKey>}: the notification item's
   * attributes without the keys, the body and the ttl (the raw bytes are the evidence's).
   */
  public static AttributeValue factEntry(PaymentFact f, boolean applied) {
    Map<String, AttributeValue> m = factItem(f, applied, 0);
    m.remove(PK);
    m.remove(SK);
    m.remove(TTL);
    m.remove("body");
    m.remove("cip");
    return AttributeValue.fromM(m);
  }

  /** The fact keys a state item has recorded. */
  public static java.util.Set<String> factKeys(Map<String, AttributeValue> item) {
    AttributeValue facts = item.get(FACTS);
    return facts != null && facts.hasM() ? facts.m().keySet() : java.util.Set.of();
  }

  /** The business dates a state item is listed under ({@code DAY#} items written). */
  public static java.util.Set<String> days(Map<String, AttributeValue> item) {
    AttributeValue days = item.get(DAYS);
    return days != null && days.hasSs() ? java.util.Set.copyOf(days.ss()) : java.util.Set.of();
  }

  public static Map<String, AttributeValue> dayItem(PaymentFact f, long ttlEpochSeconds) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, s(dayPk(f.businessDate())));
    item.put(SK, s(cipPk(f.cip())));
    item.put("cip", s(f.cip()));
    item.put("lastFact", s(f.factKey()));
    item.put(TTL, n(ttlEpochSeconds));
    return item;
  }

  /** ISO-8601 with the offset as received, always with seconds. */
  static String iso(OffsetDateTime t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  static Optional<String> text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? Optional.empty() : Optional.of(Long.parseLong(v.n()));
  }
}
