package io.pagorecon.aws;

import static io.pagorecon.aws.internal.PaymentItems.NEXT_CHECK_AT;
import static io.pagorecon.aws.internal.PaymentItems.OPEN_SHARD;
import static io.pagorecon.aws.internal.PaymentItems.STATE_SK;
import static io.pagorecon.aws.internal.PaymentItems.VERSION;

import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link PaymentStore} on the payments table (docs/data-model.md). A fact is one {@code
 * TransactWriteItems}: the notification put ({@code attribute_not_exists(pk)}), the state put under
 * its version condition, and the day-activity put, so nothing is ever half-written.
 */
public final class DynamoDbPaymentStore implements PaymentStore {

  /** Facts and day items are kept at least as long as the evidence (≥ 90 days). */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

  static final String FACT_CONDITION = "attribute_not_exists(pk)";
  static final String NEW_STATE_CONDITION = "attribute_not_exists(pk)";
  static final String VERSION_CONDITION = "#version = :expected";
  static final String CHECK_UPDATE = "SET #nextCheckAt = :at, #openShard = :shard, #version = #version + :one";
  static final String CHECK_CONDITION = "attribute_exists(pk)";

  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration retention;

  public DynamoDbPaymentStore(DynamoDbClient dynamoDb, String table, Duration retention) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  public DynamoDbPaymentStore(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, DEFAULT_RETENTION);
  }

  @Override
  public Optional<CipPayment> find(String cip) {
    GetItemResponse response;
    try {
      response = dynamoDb.getItem(GetItemRequest.builder()
          .tableName(table)
          .key(PaymentItems.key(PaymentItems.cipPk(cip), STATE_SK))
          .consistentRead(true)
          .build());
    } catch (SdkException e) {
      throw new StorageException("payments table: reading cip " + cip + " failed", e);
    }
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(PaymentItems.fromStateItem(response.item())) : Optional.empty();
  }

  @Override
  public WriteResult record(PaymentFact fact, Optional<CipPayment> next, long expectedVersion) {
    long ttl = fact.observedAt().plus(retention).getEpochSecond();
    boolean applied = next.isPresent() && (expectedVersion > 0 || next.get().state() != PaymentState.UNKNOWN);
    List<TransactWriteItem> items = new ArrayList<>(3);
    items.add(TransactWriteItem.builder().put(Put.builder()
        .tableName(table)
        .item(PaymentItems.factItem(fact, applied, ttl))
        .conditionExpression(FACT_CONDITION)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build()).build());
    next.ifPresent(n -> items.add(TransactWriteItem.builder().put(statePut(n, expectedVersion)).build()));
    items.add(TransactWriteItem.builder().put(Put.builder()
        .tableName(table)
        .item(PaymentItems.dayItem(fact, ttl))
        .build()).build());
    try {
      dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
      return WriteResult.WRITTEN;
    } catch (TransactionCanceledException e) {
      return cancelled(fact, e);
    } catch (SdkException e) {
      throw new StorageException("payments table: recording " + fact.factKey() + " for cip " + fact.cip() + " failed", e);
    }
  }

  private Put statePut(CipPayment n, long expectedVersion) {
    Put.Builder put = Put.builder()
        .tableName(table)
        .item(PaymentItems.stateItem(n, expectedVersion + 1))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    if (expectedVersion == 0) {
      put.conditionExpression(NEW_STATE_CONDITION);
    } else {
      put.conditionExpression(VERSION_CONDITION)
          .expressionAttributeNames(Map.of("#version", VERSION))
          .expressionAttributeValues(Map.of(":expected", PaymentItems.n(expectedVersion)));
    }
    return put.build();
  }

  /**
   * Which condition failed: the fact's (index 0) means a duplicate; otherwise the state moved under
   * us, or another transaction held the items (TransactionConflict): both mean read again and retry.
   */
  private static WriteResult cancelled(PaymentFact fact, TransactionCanceledException e) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    if (!reasons.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code())) {
      return WriteResult.DUPLICATE_FACT;
    }
    for (CancellationReason r : reasons) {
      String code = r.code();
      if (code != null && !"None".equals(code) && !CONDITIONAL_CHECK_FAILED.equals(code) && !"TransactionConflict".equals(code)) {
        throw new StorageException("payments table: recording " + fact.factKey() + " for cip " + fact.cip()
            + " was cancelled (" + code + ")", e);
      }
    }
    return WriteResult.VERSION_CONFLICT;
  }

  @Override
  public boolean requestCheck(String cip, Instant at) {
    UpdateItemRequest request = UpdateItemRequest.builder()
        .tableName(table)
        .key(PaymentItems.key(PaymentItems.cipPk(cip), STATE_SK))
        .updateExpression(CHECK_UPDATE)
        .conditionExpression(CHECK_CONDITION)
        .expressionAttributeNames(Map.of("#nextCheckAt", NEXT_CHECK_AT, "#openShard", OPEN_SHARD, "#version", VERSION))
        .expressionAttributeValues(Map.of(
            ":at", PaymentItems.n(at.getEpochSecond()),
            ":shard", PaymentItems.s(PaymentItems.openShard(cip)),
            ":one", PaymentItems.n(1)))
        .build();
    try {
      dynamoDb.updateItem(request);
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw new StorageException("payments table: requesting a check of cip " + cip + " failed", e);
    }
  }

}
