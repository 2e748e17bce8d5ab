package io.pagorecon.aws;

import io.pagorecon.core.Stage;
import io.pagorecon.core.daily.WebhookLog;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.EvidenceKeys;
import io.pagorecon.core.webhook.WebhookIngest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link WebhookLog} on the evidence of the verified notifications ({@link EvidenceArchive}): a
 * business date's notifications are received from its first hour on, so the log reads the evidence
 * of every receipt hour from a day before the date's midnight (Lima: a sender's clock may run ahead)
 * up to {@link #LATE_WINDOW} after it or now,
 * one Query per hour (never a Scan); hours older than {@link #FROM_BATCHES_AFTER} from their batch
 * object, since their items expire (one listing per UTC day finds which hours have one). It keeps the records whose {@code business-date} is the date, the
 * first delivery of each (cip, eventType) (a redelivery in another hour is a second record), and adds
 * the notification items ({@code EVENT#}) of the {@code byBusinessDate} index written before the
 * single-write model.
 */
public final class DynamoDbWebhookLog implements WebhookLog {

  static final String INDEX = "byBusinessDate";
  /** Notifications of a date received later than this are not part of its reconciliation. */
  public static final Duration LATE_WINDOW = Duration.ofDays(8);
  /** Hours older than this are read from their batch object (the items expire after 14 days). */
  public static final Duration FROM_BATCHES_AFTER = Duration.ofDays(12);

  private final DynamoDbClient dynamo;
  private final String table;
  private final Optional<EvidenceArchive> archive;
  private final Stage stage;
  private final ZoneId businessZone;
  private final Clock clock;

  public DynamoDbWebhookLog(DynamoDbClient dynamo, String table, EvidenceArchive archive, Stage stage, ZoneId businessZone, Clock clock) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
    this.archive = Optional.of(archive);
    this.stage = Objects.requireNonNull(stage, "stage");
    this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Only the notification items written before the single-write model (tests of the query). */
  DynamoDbWebhookLog(DynamoDbClient dynamo, String table) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
    this.archive = Optional.empty();
    this.stage = Stage.SANDBOX;
    this.businessZone = ZoneId.of("America/Lima");
    this.clock = Clock.systemUTC();
  }

  @Override
  public List<Received> verifiedOn(LocalDate businessDate) {
    List<Received> out = new ArrayList<>();
    forEachVerifiedOn(businessDate, out::add);
    return out;
  }

  /** Page by page: only one page of items is held at a time. */
  @Override
  public void forEachVerifiedOn(LocalDate businessDate, Consumer<Received> each) {
    forEachVerifiedOn(List.of(businessDate), (date, r) -> each.accept(r));
  }

  /**
   * The verified notifications of several business dates, each date's as {@link
   * #forEachVerifiedOn(LocalDate, Consumer)} gives them, reading each receipt hour once for all of
   * them (neighbouring dates' windows overlap by all but a day).
   */
  public void forEachVerifiedOn(Collection<LocalDate> businessDates, BiConsumer<LocalDate, Received> each) {
    Map<String, LocalDate> dates = new HashMap<>();
    Map<LocalDate, LongSet> seen = new HashMap<>();
    for (LocalDate businessDate : new TreeSet<>(businessDates)) {
      dates.put(businessDate.toString(), businessDate);
      LongSet seenOnDate = seen.computeIfAbsent(businessDate, d -> new LongSet());
      try {
        dynamo.queryPaginator(request(businessDate)).items().forEach(item -> {
          seenOnDate.add(hash(item.get("cip").s() + "/" + item.get("factKey").s()));
          each.accept(businessDate, new Received(Instant.parse(item.get("receivedAt").s()), item.get("body").s().getBytes(StandardCharsets.UTF_8)));
        });
      } catch (SdkException e) {
        throw new StorageException("payments table: reading the webhooks of " + businessDate + " failed", e);
      }
    }
    if (archive.isEmpty() || dates.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Instant from = dates.values().stream().map(this::firstHour).min(Instant::compareTo).orElseThrow();
    Instant to = dates.values().stream().map(d -> firstHour(d).plus(LATE_WINDOW)).max(Instant::compareTo).orElseThrow();
    Map<LocalDate, Set<String>> exported = new HashMap<>();
    for (Instant hour = from; !hour.isAfter(now) && hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      Instant thisHour = hour;
      BiConsumer<String, EvidenceItems.Evidence> keep = (id, e) -> {
        Map<String, String> meta = e.metadata();
        LocalDate date = dates.get(meta.get(WebhookIngest.BUSINESS_DATE));
        int dash = id.lastIndexOf('-');
        if (date == null || thisHour.isBefore(firstHour(date)) || !thisHour.isBefore(firstHour(date).plus(LATE_WINDOW))
            || id.startsWith("no-cip/") || dash < 0 || !seen.get(date).add(hash(id.substring(0, dash)))) {
          return;
        }
        each.accept(date, new Received(Instant.parse(meta.get("received-at")), e.body()));
      };
      String batch = EvidenceKeys.batchObject(stage, hour);
      if (hour.isBefore(now.minus(FROM_BATCHES_AFTER))) {
        LocalDate utcDay = LocalDate.ofInstant(hour, ZoneOffset.UTC);
        if (exported.computeIfAbsent(utcDay, d -> archive.get().batchesOf(stage, d)).contains(batch)) {
          archive.get().readListedBatch(batch, keep);
        }
      } else {
        archive.get().items().forEach(batch, keep);
      }
    }
  }

  /** A date's first receipt hour: a day before its midnight, since a sender's clock may run ahead of ours. */
  private Instant firstHour(LocalDate businessDate) {
    return businessDate.atStartOfDay(businessZone).toInstant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
  }

  private static long hash(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (byte x : b) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    return h;
  }

  /** An open-addressing set of 64-bit hashes: 8 bytes a notification instead of a String each. */
  static final class LongSet {
    private long[] slots = new long[1024];
    private boolean hasZero;
    private int size;

    boolean add(long v) {
      if (v == 0) {
        boolean added = !hasZero;
        hasZero = true;
        return added;
      }
      if ((size + 1) * 3 > slots.length * 2) {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long o : old) {
          if (o != 0) {
            insert(o);
          }
        }
      }
      return insert(v);
    }

    private boolean insert(long v) {
      int mask = slots.length - 1;
      for (int i = (int) (v ^ (v >>> 32)) & mask; ; i = (i + 1) & mask) {
        if (slots[i] == v) {
          return false;
        }
        if (slots[i] == 0) {
          slots[i] = v;
          size++;
          return true;
        }
      }
    }
  }

  QueryRequest request(LocalDate businessDate) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(INDEX)
        .keyConditionExpression("#d = :d AND begins_with(#pk, :cip)")
        .filterExpression("#src = :webhook AND attribute_exists(#body) AND begins_with(#sk, :event)")
        .expressionAttributeNames(Map.of("#d", "businessDate", "#pk", "pk", "#src", "source", "#body", "body", "#sk", "sk"))
        .expressionAttributeValues(Map.of(
            ":d", AttributeValue.fromS(businessDate.toString()),
            ":cip", AttributeValue.fromS("CIP#"),
            ":webhook", AttributeValue.fromS(Source.WEBHOOK.wireName()),
            ":event", AttributeValue.fromS("EVENT#")))
        .build();
  }
}
