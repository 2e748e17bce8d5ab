package io.pagorecon.aws;

import io.pagorecon.core.daily.WebhookLog;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link WebhookLog} on the payments table: the notification items ({@code CIP#...}/{@code EVENT#...})
 * of a business date through the {@code byBusinessDate} index, one paginated Query (never a Scan),
 * keeping those the webhook recorded with their raw body (sync facts are not webhooks).
 */
public final class DynamoDbWebhookLog implements WebhookLog {

  static final String INDEX = "byBusinessDate";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbWebhookLog(DynamoDbClient dynamo, String table) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
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
    try {
      dynamo.queryPaginator(request(businessDate)).items().forEach(item -> each.accept(new Received(
          Instant.parse(item.get("receivedAt").s()),
          item.get("body").s().getBytes(StandardCharsets.UTF_8))));
    } catch (SdkException e) {
      throw new StorageException("payments table: reading the webhooks of " + businessDate + " failed", e);
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
