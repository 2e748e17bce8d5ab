package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.EvidenceKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The evidence items of the payments table (docs/data-model.md): {@code pk} = {@code EVIDENCE#} +
 * the hourly batch object's key, {@code sk} = the record id, the exact bytes ({@code body}, B) and
 * the headers kept with them ({@code meta}, M). DynamoDB only, so the webhook's jar needs nothing
 * else; {@link EvidenceArchive} adds the batches in the data bucket.
 */
public final class EvidenceItems {

  public static final String PK_PREFIX = "EVIDENCE#";
  /** How long an evidence item outlives its receipt: its hour is exported within the next hour (a day to catch up). */
  public static final Duration ITEM_RETENTION = Duration.ofDays(14);

  static final String BODY = "body";
  static final String META = "meta";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public EvidenceItems(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** A notification as archived: the exact bytes and the headers kept with them. */
  public record Evidence(byte[] body, Map<String, String> metadata) {
    public Evidence {
      body = body.clone();
      metadata = Map.copyOf(metadata);
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** Writes the evidence item of a {@link EvidenceKeys#batched} key (idempotent: same key, same bytes). */
  public void put(String key, byte[] body, Map<String, String> metadata, Instant receivedAt) {
    Map<String, AttributeValue> meta = new TreeMap<>();
    metadata.forEach((k, v) -> meta.put(k, AttributeValue.fromS(v)));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(PK_PREFIX + batchOf(key)));
    item.put("sk", AttributeValue.fromS(idOf(key)));
    item.put(BODY, AttributeValue.fromB(SdkBytes.fromByteArray(body)));
    item.put(META, AttributeValue.fromM(meta));
    item.put("ttl", AttributeValue.fromN(Long.toString(receivedAt.plus(ITEM_RETENTION).getEpochSecond())));
    try {
      dynamoDb.putItem(p -> p.tableName(table).item(item));
    } catch (SdkException e) {
      throw new StorageException("payments table: storing evidence " + key + " failed", e);
    }
  }

  /** The key priming aims at; never written (see {@link #prime}). */
  static final String PRIMING_PK = PK_PREFIX + "priming-only";

  /**
   * Runs the PutItem path once without writing anything, so a SnapStart snapshot holds it loaded: a
   * put conditioned on an item that does not exist, which DynamoDB refuses. True when refused.
   */
  public boolean prime(byte[] body) {
    try {
      dynamoDb.putItem(p -> p.tableName(table)
          .item(Map.of("pk", AttributeValue.fromS(PRIMING_PK), "sk", AttributeValue.fromS("never-written"),
              BODY, AttributeValue.fromB(SdkBytes.fromByteArray(body))))
          .conditionExpression("attribute_exists(pk)"));
      return false;
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
      return true;
    }
  }

  /** The evidence item of a {@link EvidenceKeys#batched} key, if it has not expired. */
  public Optional<Evidence> get(String key) {
    GetItemResponse item;
    try {
      item = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS(PK_PREFIX + batchOf(key)), "sk", AttributeValue.fromS(idOf(key)))));
    } catch (SdkException e) {
      throw new StorageException("payments table: reading evidence " + key + " failed", e);
    }
    return item.hasItem() && !item.item().isEmpty() ? Optional.of(evidence(item.item())) : Optional.empty();
  }

  /** Every record of the hour whose batch object is {@code batch}, from the table's items, ordered by id. */
  public void forEach(String batch, BiConsumer<String, Evidence> each) {
    try {
      // eventually consistent (half the read units): the export and the daily run read hours that ended minutes ago at least
      dynamoDb.queryPaginator(q -> q.tableName(table).consistentRead(false)
              .keyConditionExpression("pk = :pk")
              .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_PREFIX + batch))))
          .items().forEach(i -> each.accept(i.get("sk").s(), evidence(i)));
    } catch (SdkException e) {
      throw new StorageException("payments table: reading the evidence of " + batch + " failed", e);
    }
  }

  private static Evidence evidence(Map<String, AttributeValue> item) {
    Map<String, String> meta = new TreeMap<>();
    AttributeValue m = item.get(META);
    if (m != null && m.hasM()) {
      m.m().forEach((k, v) -> meta.put(k, v.s()));
    }
    return new Evidence(item.get(BODY).b().asByteArray(), meta);
  }

  /** The batch object of a {@link EvidenceKeys#batched} key. */
  public static String batchOf(String key) {
    int mark = key.indexOf(EvidenceKeys.BATCH_MARK);
    if (mark < 0) {
      throw new IllegalArgumentException("not a batched evidence key: " + key);
    }
    return key.substring(0, mark + EvidenceKeys.BATCH_MARK.length() - 1);
  }

  /** The record id of a {@link EvidenceKeys#batched} key ({@code {cip}/{eventType}-{hash}}). */
  public static String idOf(String key) {
    return key.substring(batchOf(key).length() + 1);
  }
}
