package io.pagorecon.aws;

import static io.pagorecon.aws.internal.PaymentItems.DAYS;
import static io.pagorecon.aws.internal.PaymentItems.FACTS;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link PaymentStore} on the payments table (docs/data-model.md). A fact is one conditional write
 * of the CIP's state item, which keeps the facts it recorded: idempotency, ordering and "paid is never
 * un-paid" are its condition expression. The {@code DAY#} item of the fact's business date is put
 * before it when the state item does not list that date yet (a put that is repeated harmlessly).
 */
public final class DynamoDbPaymentStore implements PaymentStore {

  /** Facts and day items are kept at least as long as the evidence (≥ 90 days). */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

  static final String NEW_STATE_CONDITION = "attribute_not_exists(pk)";
  static final String VERSION_CONDITION = "#version = :expected";
  static final String CHECK_UPDATE = "SET #nextCheckAt = :at, #openShard = :shard, #version = #version + :one";
  static final String CHECK_CONDITION = "attribute_exists(pk)";

  private static final int MAX_REMEMBERED = 4096;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration retention;
  /** The last state item read per CIP, so a write knows its facts and days without a second read. */
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

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
    Optional<Map<String, AttributeValue>> item = read(cip);
    item.ifPresent(i -> remember(cip, i));
    return item.map(PaymentItems::fromStateItem);
  }

  private Optional<Map<String, AttributeValue>> read(String cip) {
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
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }

  /** What the last read of a CIP's state item showed: its version, recorded facts and listed days. */
  private record Seen(long version, boolean hasFacts, Set<String> facts, Set<String> days) {
    static Seen of(Map<String, AttributeValue> item) {
      return new Seen(PaymentItems.fromStateItem(item).version(), item.containsKey(FACTS), PaymentItems.factKeys(item),
          PaymentItems.days(item));
    }
  }

  private void remember(String cip, Map<String, AttributeValue> item) {
    if (seen.size() >= MAX_REMEMBERED) {
      seen.clear();
    }
    seen.put(cip, Seen.of(item));
  }

  /** The state item at {@code version}, from the last {@link #find} (else read again); empty when it moved on. */
  private Optional<Seen> seenAt(String cip, long version) {
    Seen s = seen.remove(cip);
    if (s != null && s.version() == version) {
      return Optional.of(s);
    }
    return read(cip).map(Seen::of).filter(r -> r.version() == version);
  }

  /**
   * One conditional write of the state item (docs/data-model.md): the fact goes into its {@code facts}
   * map, the new state and {@code version + 1} replace the old, all under the condition that the
   * version is still {@code expectedVersion}, the fact is not there yet, and a paid CIP is never moved
   * back; a new CIP is one conditional put. The {@code DAY#} item is put first, and only when the state
   * item does not list the date yet (otherwise the condition requires that it does).
   */
  @Override
  public WriteResult record(PaymentFact fact, Optional<CipPayment> next, long expectedVersion) {
    long ttl = fact.observedAt().plus(retention).getEpochSecond();
    boolean applied = next.isPresent() && (expectedVersion > 0 || next.get().state() != PaymentState.UNKNOWN);
    String date = fact.businessDate().toString();
    try {
      Seen before;
      if (expectedVersion == 0) {
        before = new Seen(0, false, Set.of(), Set.of());
      } else {
        Optional<Seen> s = seenAt(fact.cip(), expectedVersion);
        if (s.isEmpty()) {
          return WriteResult.VERSION_CONFLICT;
        }
        before = s.get();
      }
      if (before.facts().contains(fact.factKey())) {
        return WriteResult.DUPLICATE_FACT;
      }
      boolean listed = before.days().contains(date);
      if (!listed) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(PaymentItems.dayItem(fact, ttl)).build());
      }
      if (expectedVersion == 0) {
        CipPayment n = next.orElseThrow(() -> new IllegalArgumentException("a fact about an unstored cip needs its state"));
        Map<String, AttributeValue> item = PaymentItems.stateItem(n, 1);
        item.put(FACTS, AttributeValue.fromM(Map.of(fact.factKey(), PaymentItems.factEntry(fact, applied))));
        item.put(DAYS, AttributeValue.fromSs(List.of(date)));
        dynamoDb.putItem(PutItemRequest.builder()
            .tableName(table)
            .item(item)
            .conditionExpression(NEW_STATE_CONDITION)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build());
      } else {
        dynamoDb.updateItem(update(fact, next, expectedVersion, applied, before.hasFacts(), listed));
      }
      return WriteResult.WRITTEN;
    } catch (ConditionalCheckFailedException e) {
      seen.remove(fact.cip());
      Map<String, AttributeValue> now = e.hasItem() && !e.item().isEmpty() ? e.item() : read(fact.cip()).orElse(Map.of());
      return PaymentItems.factKeys(now).contains(fact.factKey()) ? WriteResult.DUPLICATE_FACT : WriteResult.VERSION_CONFLICT;
    } catch (SdkException e) {
      throw new StorageException("payments table: recording " + fact.factKey() + " for cip " + fact.cip() + " failed", e);
    }
  }

  UpdateItemRequest update(PaymentFact fact, Optional<CipPayment> next, long expectedVersion, boolean applied, boolean hasFacts,
      boolean listed) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> set = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    names.put("#version", VERSION);
    names.put("#facts", FACTS);
    values.put(":expected", PaymentItems.n(expectedVersion));
    if (next.isPresent()) {
      Map<String, AttributeValue> state = PaymentItems.stateItem(next.get(), expectedVersion + 1);
      state.remove(PaymentItems.PK);
      state.remove(PaymentItems.SK);
      for (Map.Entry<String, AttributeValue> a : new TreeMap<>(state).entrySet()) {
        names.put("#" + a.getKey(), a.getKey());
        values.put(":v_" + a.getKey(), a.getValue());
        set.add("#" + a.getKey() + " = :v_" + a.getKey());
      }
      for (String optional : PaymentItems.OPTIONAL_STATE) {
        if (!state.containsKey(optional)) {
          names.put("#" + optional, optional);
          remove.add("#" + optional);
        }
      }
    } else {
      values.put(":v_version", PaymentItems.n(expectedVersion + 1));
      set.add("#version = :v_version");
    }
    StringBuilder condition = new StringBuilder("#version = :expected");
    if (hasFacts) {
      names.put("#fk", fact.factKey());
      values.put(":fact", PaymentItems.factEntry(fact, applied));
      set.add("#facts.#fk = :fact");
      condition.append(" AND attribute_not_exists(#facts.#fk)");
    } else {
      values.put(":facts", AttributeValue.fromM(Map.of(fact.factKey(), PaymentItems.factEntry(fact, applied))));
      set.add("#facts = :facts");
      condition.append(" AND attribute_not_exists(#facts)");
    }
    names.put("#days", DAYS);
    values.put(":day", PaymentItems.s(fact.businessDate().toString()));
    if (listed) {
      condition.append(" AND contains(#days, :day)");
    }
    next.map(CipPayment::state).ifPresent(to -> {
      names.put("#state", "state");
      if (to == PaymentState.PAID) {
        values.put(":refunded", PaymentItems.s(PaymentState.REFUNDED.name()));
        condition.append(" AND #state <> :refunded");
      } else if (to != PaymentState.REFUNDED) {
        values.put(":paid", PaymentItems.s(PaymentState.PAID.name()));
        values.put(":refunded", PaymentItems.s(PaymentState.REFUNDED.name()));
        condition.append(" AND NOT (#state IN (:paid, :refunded))");
      }
    });
    StringBuilder expression = new StringBuilder("SET ").append(String.join(", ", set));
    if (!remove.isEmpty()) {
      expression.append(" REMOVE ").append(String.join(", ", remove));
    }
    if (!listed) {
      values.put(":days", AttributeValue.fromSs(List.of(fact.businessDate().toString())));
      expression.append(" ADD #days :days");
      values.remove(":day");
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(PaymentItems.key(PaymentItems.cipPk(fact.cip()), STATE_SK))
        .updateExpression(expression.toString())
        .conditionExpression(condition.toString())
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
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
