package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Request shapes at the SDK boundary: condition expressions, keys, return-values options, TTL. */
class DynamoDbPaymentStoreTest {

  static final Instant NOW = Instant.parse("2024-01-15T15:36:00Z");
  final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
  final DynamoDbPaymentStore store = new DynamoDbPaymentStore(dynamoDb, "payments", Duration.ofDays(400));

  static PaymentFact paidFact() {
    return new PaymentFact("11546901", PaymentEvent.PAID, "cip.paid", Source.WEBHOOK, NOW, LocalDate.of(2024, 1, 15),
        Optional.of(Money.of("22.05", Currency.PEN)), Optional.of("ORD-1001"),
        Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), Optional.empty(), Optional.of("1253"),
        Optional.of("{}"), Optional.of("raw/sandbox/2024/01/15/11546901/cip.paid-0123456789abcdef.json"));
  }

  static CipPayment paid(long version) {
    return new CipPayment("11546901", PaymentState.PAID, version, Optional.of("ORD-1001"), Optional.of(Money.of("22.05", Currency.PEN)),
        Optional.empty(), Optional.empty(), Optional.of(OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), NOW, Source.WEBHOOK,
        Optional.empty(), 0);
  }

  TransactWriteItemsRequest captureTransaction() {
    ArgumentCaptor<TransactWriteItemsRequest> captor = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
    verify(dynamoDb).transactWriteItems(captor.capture());
    return captor.getValue();
  }

  @Test
  void record_shouldWriteFactNewStateAndDayInOneTransaction_whenCipIsNew() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenReturn(TransactWriteItemsResponse.builder().build());

    assertThat(store.record(paidFact(), Optional.of(paid(0)), 0)).isEqualTo(WriteResult.WRITTEN);

    TransactWriteItemsRequest request = captureTransaction();
    assertThat(request.transactItems()).hasSize(3);
    Put fact = request.transactItems().get(0).put();
    assertThat(fact.tableName()).isEqualTo("payments");
    assertThat(fact.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
    assertThat(fact.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    assertThat(fact.item()).containsEntry("pk", AttributeValue.fromS("CIP#11546901"))
        .containsEntry("sk", AttributeValue.fromS("EVENT#cip.paid"))
        .containsEntry("businessDate", AttributeValue.fromS("2024-01-15"))
        .containsEntry("amount", AttributeValue.fromS("22.05"))
        .containsEntry("currency", AttributeValue.fromS("PEN"))
        .containsEntry("paidAt", AttributeValue.fromS("2024-01-15T10:35:12-05:00"))
        .containsEntry("applied", AttributeValue.fromBool(true))
        .containsEntry("ttl", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofDays(400)).getEpochSecond())));

    Put state = request.transactItems().get(1).put();
    assertThat(state.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
    assertThat(state.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    assertThat(state.item()).containsEntry("pk", AttributeValue.fromS("CIP#11546901"))
        .containsEntry("sk", AttributeValue.fromS("STATE"))
        .containsEntry("state", AttributeValue.fromS("PAID"))
        .containsEntry("version", AttributeValue.fromN("1"))
        .doesNotContainKey("openShard")
        .doesNotContainKey("ttl");

    Put day = request.transactItems().get(2).put();
    assertThat(day.conditionExpression()).isNull();
    assertThat(day.item()).containsEntry("pk", AttributeValue.fromS("DAY#2024-01-15"))
        .containsEntry("sk", AttributeValue.fromS("CIP#11546901"))
        .containsKey("ttl");
  }

  @Test
  void record_shouldConditionOnVersion_whenStateExists() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenReturn(TransactWriteItemsResponse.builder().build());

    store.record(paidFact(), Optional.of(paid(3)), 3);

    Put state = captureTransaction().transactItems().get(1).put();
    assertThat(state.conditionExpression()).isEqualTo("#version = :expected");
    assertThat(state.expressionAttributeNames()).containsEntry("#version", "version");
    assertThat(state.expressionAttributeValues()).containsEntry(":expected", AttributeValue.fromN("3"));
    assertThat(state.item()).containsEntry("version", AttributeValue.fromN("4"));
  }

  @Test
  void record_shouldWriteOnlyFactAndDay_whenFactIsStale() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenReturn(TransactWriteItemsResponse.builder().build());

    store.record(paidFact(), Optional.empty(), 2);

    TransactWriteItemsRequest request = captureTransaction();
    assertThat(request.transactItems()).hasSize(2);
    assertThat(request.transactItems().get(0).put().item()).containsEntry("applied", AttributeValue.fromBool(false));
  }

  @Test
  void record_shouldAddOpenShardAndNextCheck_whenCipIsOpen() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenReturn(TransactWriteItemsResponse.builder().build());
    CipPayment open = paid(0).withState(PaymentState.PENDING).withNextCheck(Optional.of(NOW.plusSeconds(600)), 0);

    store.record(paidFact(), Optional.of(open), 0);

    Map<String, AttributeValue> item = captureTransaction().transactItems().get(1).put().item();
    assertThat(item.get("openShard").s()).matches("OPEN#[0-7]");
    assertThat(item).containsEntry("nextCheckAt", AttributeValue.fromN(Long.toString(NOW.plusSeconds(600).getEpochSecond())));
  }

  @Test
  void record_shouldReportDuplicate_whenFactConditionFails() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled("ConditionalCheckFailed", "None", "None"));
    assertThat(store.record(paidFact(), Optional.of(paid(1)), 1)).isEqualTo(WriteResult.DUPLICATE_FACT);
  }

  @Test
  void record_shouldReportVersionConflict_whenStateConditionFails() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled("None", "ConditionalCheckFailed", "None"));
    assertThat(store.record(paidFact(), Optional.of(paid(1)), 1)).isEqualTo(WriteResult.VERSION_CONFLICT);
  }

  @Test
  void record_shouldReportVersionConflict_whenAnotherTransactionHeldTheItems() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled("TransactionConflict", "None", "None"));
    assertThat(store.record(paidFact(), Optional.of(paid(1)), 1)).isEqualTo(WriteResult.VERSION_CONFLICT);
  }

  @Test
  void record_shouldThrowStorageExceptionKeepingCause_whenThrottled() {
    ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder().message("slow down").build();
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(throttled);
    assertThatThrownBy(() -> store.record(paidFact(), Optional.of(paid(1)), 1))
        .isInstanceOf(StorageException.class).hasCause(throttled);
  }

  @Test
  void record_shouldThrow_whenCancelledForAnotherReason() {
    when(dynamoDb.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(cancelled("None", "ThrottlingError", "None"));
    assertThatThrownBy(() -> store.record(paidFact(), Optional.of(paid(1)), 1)).isInstanceOf(StorageException.class);
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

  static TransactionCanceledException cancelled(String... codes) {
    List<CancellationReason> reasons = java.util.Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList();
    return TransactionCanceledException.builder().message("cancelled").cancellationReasons(reasons).build();
  }
}
