package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pagorecon.core.payment.CipPayment;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Request shapes of the registry: index queries per shard (never a Scan) and versioned reschedules. */
class DynamoDbCipRegistryTest {

  private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
  private final DynamoDbCipRegistry registry = new DynamoDbCipRegistry(dynamoDb, "payments");
  private final CipPayment seen = new CipPayment("1001", PaymentState.PENDING, 3, Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Instant.parse("2024-01-15T15:00:00Z"), Source.API, Optional.of(Instant.parse("2024-01-15T15:10:00Z")), 0);

  @Test
  void dueForCheck_shouldQueryTheSparseIndexOfEveryShardUpToNow() {
    when(dynamoDb.query(any(QueryRequest.class))).thenReturn(QueryResponse.builder().items(List.of()).build());
    ArgumentCaptor<QueryRequest> captor = ArgumentCaptor.forClass(QueryRequest.class);

    registry.dueForCheck(Instant.ofEpochSecond(1_705_331_400L), 100);

    verify(dynamoDb, times(8)).query(captor.capture());
    assertThat(captor.getAllValues()).allSatisfy(q -> {
      assertThat(q.indexName()).isEqualTo("byNextCheck");
      assertThat(q.keyConditionExpression()).isEqualTo("#shard = :shard AND #next <= :now");
      assertThat(q.expressionAttributeValues().get(":now").n()).isEqualTo("1705331400");
    });
    assertThat(captor.getAllValues()).extracting(q -> q.expressionAttributeValues().get(":shard").s())
        .containsExactly("OPEN#0", "OPEN#1", "OPEN#2", "OPEN#3", "OPEN#4", "OPEN#5", "OPEN#6", "OPEN#7");
  }

  @Test
  void reschedule_shouldSetUnderTheSeenVersion_orRemoveTheSparseKeysToStop() {
    ArgumentCaptor<UpdateItemRequest> captor = ArgumentCaptor.forClass(UpdateItemRequest.class);

    registry.reschedule(seen, Optional.of(Instant.ofEpochSecond(1_705_334_400L)), 1);
    registry.reschedule(seen, Optional.empty(), 2);

    verify(dynamoDb, times(2)).updateItem(captor.capture());
    UpdateItemRequest set = captor.getAllValues().get(0);
    assertThat(set.updateExpression()).isEqualTo(DynamoDbCipRegistry.RESCHEDULE_SET);
    assertThat(set.conditionExpression()).isEqualTo("#version = :seen");
    assertThat(set.expressionAttributeValues().get(":seen").n()).isEqualTo("3");
    assertThat(set.expressionAttributeValues().get(":at").n()).isEqualTo("1705334400");
    assertThat(set.key().get("pk").s()).isEqualTo("CIP#1001");
    assertThat(captor.getAllValues().get(1).updateExpression()).contains("REMOVE #next, #shard");
  }

  @Test
  void reschedule_shouldBeFalse_whenTheStateMovedMeanwhile_andThrowOnOtherFaults() {
    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(ConditionalCheckFailedException.builder().message("x").build());
    assertThat(registry.reschedule(seen, Optional.empty(), 1)).isFalse();

    when(dynamoDb.updateItem(any(UpdateItemRequest.class))).thenThrow(DynamoDbException.builder().message("throttled").build());
    assertThatThrownBy(() -> registry.reschedule(seen, Optional.empty(), 1)).isInstanceOf(StorageException.class);
  }
}
