package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.PaymentStore.WriteResult;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Request shapes at the SDK boundary: one conditional write per fact, condition expressions, keys, TTL. */
class DynamoDbPaymentStoreTest {

  static final Instant NOW = Instant.parse("2024-01-15T15:36:00Z");
  final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
  final DynamoDbPaymentStore store = new DynamoDbPaymentStore(dynamoDb, "payments", Duration.ofDays(400));

  static PaymentFact paidFact() {
    return new PaymentFact("11546901", PaymentEvent.PAID, "cip.paid", Source.WEBHOOK, NOW, LocalDate.of(2024, 1, 15),
        Optional.of(Money.of("22.05", Currency.PEN)), Optional.of("ORD-1001"),
        Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), Optional.empty(), Optional.of("1253"),
        Optional.of("{}"), Optional.of("evidence/sandbox/batches/2024/01/15/15.jsonl.gz#11546901/cip.paid-0123456789abcdef"));
  }

  static CipPayment paid(long version) {
    return new CipPayment("11546901", PaymentState.PAID, version, Optional.of("ORD-1001"), Optional.of(Money.of("22.05", Currency.PEN)),
        Optional.empty(), Optional.empty(), Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), NOW, Source.WEBHOOK,
        Optional.empty(), 0);
  }

  /** The state item as the store reads it: version {@code version}, the given facts, listed on 2024-01-15. */
  void stored(long version, String... factKeys) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(PaymentItems.stateItem(paid(0).withState(PaymentState.PENDING), version));
    Map<String, AttributeValue> facts = new java.util.HashMap<>();
    for (String k : factKeys) {
      facts.put(k, AttributeValue.fromM(Map.of("event", AttributeValue.fromS("CREATED"))));
    }
    item.put(PaymentItems.FACTS, AttributeValue.fromM(facts));
    item.put(PaymentItems.DAYS, AttributeValue.fromSs(List.of("2024-01-15")));
    when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(item).build());
  }

  UpdateItemRequest captureUpdate() {
    ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);
    verify(dynamoDb).updateItem(captor.capture());
    return captor.getValue();
  }

  @Test
  void record_shouldPutDayThenNewStateWithItsFact_whenCipIsNew() {
    when(dynamoDb.putItem(any(PutItemRequest.class))).thenReturn(PutItemResponse.builder().build());

    assertThat(store.record(paidFact(), Optional.of(paid(0)), 0)).isEqualTo(WriteResult.WRITTEN);

    ArgumentCaptor<PutItemRequest> captor = ArgumentCaptor.forClass(PutItemRequest.class);
    verify(dynamoDb, times(2)).putItem(captor.capture());
    PutItemRequest day = captor.getAllValues().get(0);
    assertThat(day.item()).containsEntry("pk", AttributeValue.fromS("DAY#2024-01-15")).containsEntry("sk", AttributeValue.fromS("CIP#11546901"))
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(400)).getEpochSecond())));
    PutItemRequest state = captor.getAllValues().get(1);
    assertThat(state.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
    assertThat(state.item()).containsEntry("sk", AttributeValue.fromS("STATE")).containsEntry("version", AttributeValue.fromN("1"))
        .containsEntry("state", AttributeValue.fromS("PAID")).containsEntry("days", AttributeValue.fromSs(List.of("2024-01-15")));
    Map<String, AttributeValue> fact = state.item().get("facts").m().get("cip.paid").m();
    assertThat(fact).containsEntry("evidenceKey", AttributeValue.fromS(paidFact().evidenceKey().orElseThrow()))
        .containsEntry("applied", AttributeValue.fromBool(true)).containsEntry("amount", AttributeValue.fromS("22.05"))
        .doesNotContainKey("body");
    verify(dynamoDb, never()).transactWriteItems(any(TransactWriteItemsRequest.class));
  }

  @Test
  void record_shouldBeOneConditionalUpdate_whenTheStateItemListsTheDay() {
    stored(3, "api:CREATED");
    store.find("11546901");

    assertThat(store.record(paidFact(), Optional.of(paid(3)), 3)).isEqualTo(WriteResult.WRITTEN);

    verify(dynamoDb, never()).putItem(any(PutItemRequest.class));
    UpdateItemRequest r = captureUpdate();
    assertThat(r.conditionExpression())
        .isEqualTo("#version = :expected AND attribute_not_exists(#facts.#fk) AND contains(#days, :day) AND #state <> :refunded");
    assertThat(r.updateExpression()).contains("#facts.#fk = :fact").contains("#version = :v_version").contains("#state = :v_state")
        .contains("REMOVE").doesNotContain("ADD");
    assertThat(r.expressionAttributeNames()).containsEntry("#fk", "cip.paid");
    assertThat(r.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("3"))
        .containsEntry(":v_version", AttributeValue.fromN("4"));
    assertThat(r.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
  }

  @Test
  void record_shouldListANewDayFirst_andNeverMoveAPaidCipBack() {
    stored(2, "cip.paid");
    store.find("11546901");
    PaymentFact expired = new PaymentFact("11546901", PaymentEvent.EXPIRED, "cip.expired", Source.WEBHOOK, NOW.plus(Duration.ofDays(1)),
        LocalDate.of(2024, 1, 16), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());

    assertThat(store.record(expired, Optional.of(paid(2).withState(PaymentState.EXPIRED)), 2)).isEqualTo(WriteResult.WRITTEN);

    ArgumentCaptor<PutItemRequest> day = ArgumentCaptor.forClass(PutItemRequest.class);
    verify(dynamoDb).putItem(day.capture());
    assertThat(day.getValue().item()).containsEntry("pk", AttributeValue.fromS("DAY#2024-01-16"));
    UpdateItemRequest r = captureUpdate();
    assertThat(r.updateExpression()).endsWith("ADD #days :days");
    assertThat(r.conditionExpression()).endsWith("AND NOT (#state IN (:paid, :refunded))");
  }

  @Test
  void record_shouldWriteOnlyTheFactAndVersion_whenFactIsStale() {
    stored(5, "cip.paid");
    store.find("11546901");
    PaymentFact late = new PaymentFact("11546901", PaymentEvent.EXPIRED, "cip.expired", Source.WEBHOOK, NOW, LocalDate.of(2024, 1, 15),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(store.record(late, Optional.empty(), 5)).isEqualTo(WriteResult.WRITTEN);

    UpdateItemRequest r = captureUpdate();
    assertThat(r.updateExpression()).isEqualTo("SET #version = :v_version, #facts.#fk = :fact");
    assertThat(r.expressionAttributeValues().get(":fact").m()).containsEntry("applied", AttributeValue.fromBool(false));
  }

  @Test
  void record_shouldReportDuplicate_whenTheFactIsAlreadyThere() {
    stored(4, "cip.paid");
    store.find("11546901");
    assertThat(store.record(paidFact(), Optional.of(paid(4)), 4)).isEqualTo(WriteResult.DUPLICATE_FACT);
    verify(dynamoDb, never()).updateItem(any(UpdateItemRequest.class));
  }

  @Test
  void record_shouldReportDuplicate_whenTheConditionFailsOnTheFact() {
    stored(4, "api:CREATED");
    store.find("11546901");
    Map<String, AttributeValue> now = Map.of("facts", AttributeValue.fromM(Map.of("cip.paid", AttributeValue.fromM(Map.of()))));
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder().item(now).message("no").build());
    assertThat(store.record(paidFact(), Optional.of(paid(4)), 4)).isEqualTo(WriteResult.DUPLICATE_FACT);
  }

  @Test
  void record_shouldReportVersionConflict_whenTheConditionFailsOtherwise() {
    stored(4, "api:CREATED");
    store.find("11546901");
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder()
        .item(Map.of("version", AttributeValue.fromN("5"))).message("no").build());
    assertThat(store.record(paidFact(), Optional.of(paid(4)), 4)).isEqualTo(WriteResult.VERSION_CONFLICT);
  }

  @Test
  void record_shouldReportVersionConflict_whenTheItemMovedSinceItWasRead() {
    stored(6, "api:CREATED");
    assertThat(store.record(paidFact(), Optional.of(paid(4)), 4)).isEqualTo(WriteResult.VERSION_CONFLICT);
    verify(dynamoDb, never()).updateItem(any(UpdateItemRequest.class));
  }

  @Test
  void record_shouldThrowStorageExceptionKeepingCause_whenThrottled() {
    stored(1, "api:CREATED");
    store.find("11546901");
    ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder().message("slow down").build();
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(throttled);
    assertThatThrownBy(() -> store.record(paidFact(), Optional.of(paid(1)), 1))
        .isInstanceOf(StorageException.class).hasCause(throttled);
  }

  @Test
  void find_shouldReadConsistently_andMapTheStateItem() {
    Map<String, AttributeValue> item = io.pagorecon.aws.internal.PaymentItems.stateItem(paid(0), 7);
    when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(item).build());

    CipPayment found = store.find("11546901").orElseThrow();

    ArgumentCaptor<GetItemRequest> captor = ArgumentCaptor.forClass(GetItemRequest.class);
    verify(dynamoDb).getItem(captor.capture());
    assertThat(captor.getValue().consistentRead()).isTrue();
    assertThat(captor.getValue().key()).isEqualTo(Map.of("pk", AttributeValue.fromS("CIP#11546901"), "sk", AttributeValue.fromS("STATE")));
    assertThat(found).isEqualTo(new CipPayment("11546901", PaymentState.PAID, 7, Optional.of("ORD-1001"),
        Optional.of(Money.of("22.05", Currency.PEN)), Optional.empty(), Optional.empty(),
        Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), NOW, Source.WEBHOOK, Optional.empty(), 0));
  }

  @Test
  void find_shouldBeEmpty_whenNoItem() {
    when(dynamoDb.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());
    assertThat(store.find("1")).isEmpty();
  }

  @Test
  void requestCheck_shouldSetNextCheckOnExistingItemOnly() {
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenReturn(UpdateItemResponse.builder().build());

    assertThat(store.requestCheck("11546901", NOW)).isTrue();

    ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);
    verify(dynamoDb).updateItem(captor.capture());
    UpdateItemRequest r = captor.getValue();
    assertThat(r.conditionExpression()).isEqualTo("attribute_exists(pk)");
    assertThat(r.updateExpression()).isEqualTo("SET #nextCheckAt = :at, #openShard = :shard, #version = #version + :one");
    assertThat(r.expressionAttributeValues()).containsEntry(":at", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())));
  }

  @Test
  void requestCheck_shouldBeFalse_whenCipIsUnknown() {
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder().message("no").build());
    assertThat(store.requestCheck("1", NOW)).isFalse();
  }

}
