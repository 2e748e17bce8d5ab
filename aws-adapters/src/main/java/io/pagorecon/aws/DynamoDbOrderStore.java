package io.pagorecon.aws;

import io.pagorecon.aws.internal.PaymentItems;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.Order;
import io.pagorecon.core.order.OrderStore;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.payment.StorageException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** {@link OrderStore} on the payments table's {@code ORDER#} items, under a version condition. */
public final class DynamoDbOrderStore implements OrderStore {

  static final String ORDER_SK = "ORDER";
  static final String NEW_CONDITION = "attribute_not_exists(pk)";
  static final String VERSION_CONDITION = "#version = :expected";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbOrderStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
  }

  static String orderPk(String orderId) {
    return "ORDER#" + orderId;
  }

  @Override
  public Optional<Order> find(String orderId) {
    GetItemResponse response;
    try {
      response = dynamoDb.getItem(g -> g.tableName(table).consistentRead(true).key(PaymentItems.key(orderPk(orderId), ORDER_SK)));
    } catch (SdkException e) {
      throw new StorageException("payments table: reading order failed", e);
    }
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
  }

  @Override
  public boolean save(Order order, long expectedVersion) {
    PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(toItem(order, expectedVersion + 1));
    if (expectedVersion == 0) {
      put.conditionExpression(NEW_CONDITION);
    } else {
      put.conditionExpression(VERSION_CONDITION)
          .expressionAttributeNames(Map.of("#version", PaymentItems.VERSION))
          .expressionAttributeValues(Map.of(":expected", PaymentItems.n(expectedVersion)));
    }
    try {
      dynamoDb.putItem(put.build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw new StorageException("payments table: writing order failed", e);
    }
  }

  static Map<String, AttributeValue> toItem(Order o, long version) {
    Map<String, AttributeValue> item = new HashMap<>(PaymentItems.key(orderPk(o.orderId()), ORDER_SK));
    item.put("orderId", PaymentItems.s(o.orderId()));
    item.put("amount", PaymentItems.s(o.amount().toPlainString()));
    item.put("currency", PaymentItems.s(o.amount().currency().name()));
    item.put("createdAt", PaymentItems.s(o.createdAt().toString()));
    item.put("cips", AttributeValue.fromL(o.cips().stream().map(PaymentItems::s).toList()));
    o.currentCip().ifPresent(c -> item.put("currentCip", PaymentItems.s(c)));
    o.createPendingSince().ifPresent(t -> item.put("createPendingSince", PaymentItems.s(t.toString())));
    if (!o.matched().isEmpty()) {
      Map<String, AttributeValue> matched = new HashMap<>();
      o.matched().forEach((cip, source) -> matched.put(cip, PaymentItems.s(source.name())));
      item.put("matchedCips", AttributeValue.fromM(matched));
    }
    o.cancelledAt().ifPresent(t -> item.put("cancelledAt", PaymentItems.s(t.toString())));
    item.put(PaymentItems.VERSION, PaymentItems.n(version));
    return item;
  }

  static Order fromItem(Map<String, AttributeValue> item) {
    Currency currency = Currency.parse(item.get("currency").s()).orElseThrow(() -> new IllegalStateException("order item without a valid currency"));
    List<String> cips = item.containsKey("cips") ? item.get("cips").l().stream().map(AttributeValue::s).toList() : List.of();
    return new Order(
        item.get("orderId").s(),
        new Money(new BigDecimal(item.get("amount").s()), currency),
        Instant.parse(item.get("createdAt").s()),
        cips,
        Optional.ofNullable(item.get("currentCip")).map(AttributeValue::s),
        Optional.ofNullable(item.get("createPendingSince")).map(v -> Instant.parse(v.s())),
        matched(item),
        Optional.ofNullable(item.get("cancelledAt")).map(v -> Instant.parse(v.s())),
        Long.parseLong(item.get(PaymentItems.VERSION).n()));
  }

  private static Map<String, Source> matched(Map<String, AttributeValue> item) {
    Map<String, Source> out = new HashMap<>();
    if (item.containsKey("matchedCips")) {
      item.get("matchedCips").m().forEach((cip, source) -> out.put(cip, Source.valueOf(source.s())));
    }
    return out;
  }
}
