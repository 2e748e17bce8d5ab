package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.SyncRuns;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link SyncRuns} as one item of the payments table ({@code pk = RUN#sync}, {@code sk = LAST}),
 * overwritten by each sweep: no businessDate and no openShard, so no index ever sees it.
 */
public final class DynamoDbSyncRuns implements SyncRuns {

  static final String PK = "RUN#sync";
  static final String SK = "LAST";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbSyncRuns(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public void record(Run run) {
    try {
      dynamoDb.putItem(p -> p.tableName(table).item(Map.of(
          "pk", AttributeValue.fromS(PK),
          "sk", AttributeValue.fromS(SK),
          "finishedAt", AttributeValue.fromS(run.finishedAt().toString()),
          "checked", AttributeValue.fromN(Integer.toString(run.checked())),
          "failed", AttributeValue.fromN(Integer.toString(run.failed())))));
    } catch (SdkException e) {
      throw new StorageException("cannot record the sync run", e);
    }
  }

  @Override
  public Optional<Run> last() {
    Map<String, AttributeValue> item;
    try {
      item = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true)
          .key(Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(SK)))).item();
    } catch (SdkException e) {
      throw new StorageException("cannot read the last sync run", e);
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Run(Instant.parse(item.get("finishedAt").s()),
        Integer.parseInt(item.get("checked").n()), Integer.parseInt(item.get("failed").n())));
  }
}
