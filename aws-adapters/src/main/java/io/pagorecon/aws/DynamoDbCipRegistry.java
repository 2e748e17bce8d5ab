package io.pagorecon.aws;

import static io.pagorecon.aws.internal.PaymentItems.NEXT_CHECK_AT;
import static io.pagorecon.aws.internal.PaymentItems.OPEN_SHARD;
import static io.pagorecon.aws.internal.PaymentItems.STATE_SK;
import static io.pagorecon.aws.internal.PaymentItems.VERSION;

import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.CipRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CipRegistry} on the payments table: due and open CIPs through the sparse {@code
 * byNextCheck} index (one Query per shard), a day's CIPs through its {@code DAY#} items, evidence
 * through the facts of the CIP's state item (and its {@code EVENT#} items from before). Never a Scan.
 */
public final class DynamoDbCipRegistry implements CipRegistry {

  public static final String BY_NEXT_CHECK = "byNextCheck";
  static final String DUE_CONDITION = "#shard = :shard AND #next <= :now";
  static final String OPEN_CONDITION = "#shard = :shard";
  static final String RESCHEDULE_SET = "SET #next = :at, #shard = :shardValue, #step = :step, #version = #version + :one";
  static final String RESCHEDULE_STOP = "SET #step = :step, #version = #version + :one REMOVE #next, #shard";
  static final String RESCHEDULE_CONDITION = "#version = :seen";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbCipRegistry(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public List<CipPayment> dueForCheck(Instant now, int limit) {
    List<CipPayment> due = new ArrayList<>();
    for (int shard = 0; shard < PaymentItems.OPEN_SHARDS; shard++) {
      QueryRequest request = QueryRequest.builder()
          .tableName(table)
          .indexName(BY_NEXT_CHECK)
          .keyConditionExpression(DUE_CONDITION)
          .expressionAttributeNames(Map.of("#shard", OPEN_SHARD, "#next", NEXT_CHECK_AT))
          .expressionAttributeValues(Map.of(":shard", PaymentItems.s("OPEN#" + shard), ":now", PaymentItems.n(now.getEpochSecond())))
          .limit(Math.min(limit, 1000))
          .build();
      query(request, limit, item -> due.add(PaymentItems.fromStateItem(item)), "selecting due cips");
    }
    due.sort(Comparator.comparing((CipPayment c) -> c.nextCheckAt().orElse(Instant.MIN)).thenComparing(CipPayment::cip));
    return List.copyOf(due.subList(0, Math.min(limit, due.size())));
  }

  @Override
  public List<String> openCips() {
    List<String> open = new ArrayList<>();
    for (int shard = 0; shard < PaymentItems.OPEN_SHARDS; shard++) {
      QueryRequest request = QueryRequest.builder()
          .tableName(table)
          .indexName(BY_NEXT_CHECK)
          .keyConditionExpression(OPEN_CONDITION)
          .expressionAttributeNames(Map.of("#shard", OPEN_SHARD, "#cip", "cip"))
          .expressionAttributeValues(Map.of(":shard", PaymentItems.s("OPEN#" + shard)))
          .projectionExpression("#cip")
          .build();
      query(request, Integer.MAX_VALUE, item -> open.add(item.get("cip").s()), "listing open cips");
    }
    return List.copyOf(open);
  }

  @Override
  public Set<String> activeOn(LocalDate businessDate) {
    Set<String> cips = new LinkedHashSet<>();
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", PaymentItems.s(PaymentItems.dayPk(businessDate))))
        .projectionExpression("cip")
        .build();
    query(request, Integer.MAX_VALUE, item -> cips.add(item.get("cip").s()), "listing the cips of " + businessDate);
    return cips;
  }

  @Override
  public boolean reschedule(CipPayment seen, Optional<Instant> nextCheckAt, int checkStep) {
    Map<String, String> names = new HashMap<>(Map.of("#next", NEXT_CHECK_AT, "#shard", OPEN_SHARD, "#step", "checkStep", "#version", VERSION));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":step", PaymentItems.n(checkStep), ":one", PaymentItems.n(1), ":seen", PaymentItems.n(seen.version())));
    nextCheckAt.ifPresent(at -> {
      values.put(":at", PaymentItems.n(at.getEpochSecond()));
      values.put(":shardValue", PaymentItems.s(PaymentItems.openShard(seen.cip())));
    });
    UpdateItemRequest request = UpdateItemRequest.builder()
        .tableName(table)
        .key(PaymentItems.key(PaymentItems.cipPk(seen.cip()), STATE_SK))
        .updateExpression(nextCheckAt.isPresent() ? RESCHEDULE_SET : RESCHEDULE_STOP)
        .conditionExpression(RESCHEDULE_CONDITION)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
    try {
      dynamoDb.updateItem(request);
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw new StorageException("payments table: rescheduling cip " + seen.cip() + " failed", e);
    }
  }

  /** The evidence keys of the facts the CIP's state item recorded, then those of older {@code EVENT#} items. */
  @Override
  public List<String> evidenceKeys(String cip) {
    List<String> keys = new ArrayList<>();
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", PaymentItems.s(PaymentItems.cipPk(cip))))
        .build();
    query(request, Integer.MAX_VALUE, item -> {
      if (STATE_SK.equals(item.get("sk").s())) {
        AttributeValue facts = item.get(PaymentItems.FACTS);
        if (facts != null && facts.hasM()) {
          new java.util.TreeMap<>(facts.m()).values().stream()
              .filter(AttributeValue::hasM)
              .map(f -> f.m().get("evidenceKey"))
              .filter(k -> k != null && k.s() != null && !keys.contains(k.s()))
              .forEach(k -> keys.add(k.s()));
        }
      } else if (item.get("sk").s().startsWith("EVENT#")) {
        AttributeValue key = item.get("evidenceKey");
        if (key != null && key.s() != null && !keys.contains(key.s())) {
          keys.add(key.s());
        }
      }
    }, "reading the evidence of cip " + cip);
    return List.copyOf(keys);
  }

  /** Follows the pages of {@code request} until {@code max} items were handed over. */
  private void query(QueryRequest request, int max, Consumer<Map<String, AttributeValue>> sink, String what) {
    Map<String, AttributeValue> start = null;
    int seen = 0;
    try {
      do {
        QueryRequest page = start == null ? request : request.toBuilder().exclusiveStartKey(start).build();
        QueryResponse response = dynamoDb.query(page);
        for (Map<String, AttributeValue> item : response.items()) {
          if (seen++ >= max) {
            return;
          }
          sink.accept(item);
        }
        start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
      } while (start != null && seen < max);
    } catch (SdkException e) {
      throw new StorageException("payments table: " + what + " failed", e);
    }
  }
}
