package io.pagorecon.aws;

import io.pagorecon.aws.internal.LedgerItems;
import io.pagorecon.core.ledger.Ledger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.payment.StorageException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link Ledger} on {@code LedgerTable}: one item per discrepancy, keyed by its stable id; every
 * write a PutItem conditional on the version (or on absence for version 1), whose failure returns
 * the stored item; reads batched (BatchGetItem, 100 keys a call); lists by status through the
 * {@code byStatus} index (Query, newest lastSeenDate first), never a Scan. Once-only alert markers
 * are items of their own ({@code ALERT#...}) without a status, so the index never sees them.
 */
public final class DynamoDbLedger implements Ledger {

  static final int BATCH = 100;
  private static final int UNPROCESSED_ROUNDS = 8;

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbLedger(DynamoDbClient dynamo, String table) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public Optional<LedgerEntry> find(String id) {
    try {
      Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(LedgerItems.key(id)).consistentRead(true)).item();
      return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LedgerItems.entry(item));
    } catch (SdkException e) {
      throw new StorageException("ledger: reading an entry failed", e);
    }
  }

  @Override
  public Map<String, LedgerEntry> findAll(Collection<String> ids) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
    Map<String, LedgerEntry> out = new HashMap<>();
    for (int i = 0; i < unique.size(); i += BATCH) {
      List<Map<String, AttributeValue>> keys = unique.subList(i, Math.min(unique.size(), i + BATCH)).stream().map(LedgerItems::key).toList();
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int round = 0; !request.isEmpty(); round++) {
        if (round == UNPROCESSED_ROUNDS) {
          throw new StorageException("ledger: batch read still throttled after " + UNPROCESSED_ROUNDS + " rounds", null);
        }
        Map<String, KeysAndAttributes> next = request;
        BatchGetItemResponse r;
        try {
          r = dynamo.batchGetItem(b -> b.requestItems(next));
        } catch (SdkException e) {
          throw new StorageException("ledger: batch read failed", e);
        }
        r.responses().getOrDefault(table, List.of()).forEach(item -> {
          LedgerEntry e = LedgerItems.entry(item);
          out.put(e.id(), e);
        });
        request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
      }
    }
    return out;
  }

  @Override
  public List<LedgerEntry> byStatus(LedgerStatus status, Optional<LocalDate> from, Optional<LocalDate> to, int limit) {
    Map<String, String> names = new HashMap<>(Map.of("#s", LedgerItems.STATUS));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", AttributeValue.fromS(status.name())));
    String condition = "#s = :s";
    if (from.isPresent() || to.isPresent()) {
      names.put("#d", LedgerItems.LAST_SEEN);
      values.put(":from", AttributeValue.fromS(from.map(LocalDate::toString).orElse("0000-01-01")));
      values.put(":to", AttributeValue.fromS(to.map(LocalDate::toString).orElse("9999-12-31")));
      condition += " AND #d BETWEEN :from AND :to";
    }
    List<LedgerEntry> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(LedgerItems.BY_STATUS)
          .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
          .scanIndexForward(false).limit(Math.min(1000, Math.max(1, limit - out.size())));
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse r;
      try {
        r = dynamo.query(q.build());
      } catch (SdkException e) {
        throw new StorageException("ledger: listing " + status + " failed", e);
      }
      r.items().forEach(item -> out.add(LedgerItems.entry(item)));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null && out.size() < limit);
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  @Override
  public Optional<LedgerEntry> save(LedgerEntry entry) {
    try {
      dynamo.putItem(saveRequest(entry));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      if (e.hasItem() && !e.item().isEmpty()) {
        return Optional.of(LedgerItems.entry(e.item()));
      }
      // An emulator without ReturnValuesOnConditionCheckFailure: read it.
      return Optional.of(find(entry.id()).orElseThrow(
          () -> new StorageException("ledger: entry " + entry.id() + " expected at version " + (entry.version() - 1) + " but absent", e)));
    } catch (SdkException e) {
      throw new StorageException("ledger: writing an entry failed", e);
    }
  }

  PutItemRequest saveRequest(LedgerEntry entry) {
    PutItemRequest.Builder b = PutItemRequest.builder().tableName(table).item(LedgerItems.item(entry))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (entry.version() == 1) {
      return b.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", LedgerItems.PK)).build();
    }
    return b.conditionExpression("#v = :expected")
        .expressionAttributeNames(Map.of("#v", LedgerItems.VERSION))
        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(entry.version() - 1))))
        .build();
  }

  @Override
  public boolean hasMarker(String key) {
    try {
      Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(LedgerItems.key(key)).consistentRead(true)).item();
      return item != null && !item.isEmpty();
    } catch (SdkException e) {
      throw new StorageException("ledger: reading a marker failed", e);
    }
  }

  @Override
  public void putMarker(String key) {
    try {
      dynamo.putItem(p -> p.tableName(table).item(Map.of(
          LedgerItems.PK, AttributeValue.fromS(key),
          "kind", AttributeValue.fromS("marker"))));
    } catch (SdkException e) {
      throw new StorageException("ledger: writing a marker failed", e);
    }
  }
}
