package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.pagorecon.aws.internal.LedgerItems;
import io.pagorecon.core.alert.Alert;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.fixtures.InMemoryLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Request shapes of the ledger, webhook-log and alert adapters. */
class LedgerAdaptersTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  static LedgerEntry entry() {
    Optional<Money> m = Optional.of(Money.of("160.35", Currency.PEN));
    Discrepancy d = new Discrepancy(Category.PAID_NOT_RECORDED, Optional.of(DAY), "A1", "1001", m, Optional.of(Money.of("16035.00", Currency.PEN)),
        Optional.of(Currency.PEN), Optional.empty(), Optional.empty(), "x100", Optional.empty());
    InMemoryLedger mem = new InMemoryLedger();
    DiscrepancyLedger ledger = new DiscrepancyLedger(mem);
    ledger.apply(DAY, List.of(d), Instant.parse("2024-01-16T06:00:00Z"));
    ledger.acknowledge(d.id(), "li.wei", Optional.of("finance"), "查一下", Instant.parse("2024-01-16T07:00:00Z"));
    return mem.all().get(0);
  }

  @Test
  void firstSave_shouldBeConditionalOnAbsence_andReturnTheStoredItemOnFailure() {
    DynamoDbLedger ledger = new DynamoDbLedger(mock(DynamoDbClient.class), "ledger-t");
    LedgerEntry e = entry();
    LedgerEntry first = new LedgerEntry(e.id(), e.category(), e.orderId(), e.cip(), e.detail(), e.orderAmount(), e.gatewayAmount(),
        e.currency(), e.businessDate(), e.status(), e.owner(), e.notes(), e.history(), e.firstSeenDate(), e.lastSeenDate(), 1, true);

    PutItemRequest r = ledger.saveRequest(first);

    assertThat(r.tableName()).isEqualTo("ledger-t");
    assertThat(r.conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
    assertThat(r.expressionAttributeNames()).containsEntry("#pk", "pk");
    assertThat(r.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    assertThat(r.item().get("pk").s()).isEqualTo("PAID_NOT_RECORDED|A1|1001");
  }

  @Test
  void laterSaves_shouldBeConditionalOnThePreviousVersion() {
    PutItemRequest r = new DynamoDbLedger(mock(DynamoDbClient.class), "ledger-t").saveRequest(entry());

    assertThat(r.conditionExpression()).isEqualTo("#v = :expected");
    assertThat(r.expressionAttributeNames()).containsEntry("#v", "version");
    assertThat(r.expressionAttributeValues().get(":expected").n()).isEqualTo("1");
    assertThat(r.item().get("version").n()).isEqualTo("2");
    assertThat(r.item().get("status").s()).isEqualTo("ACKNOWLEDGED");
    assertThat(r.item().get("lastSeenDate").s()).isEqualTo("2024-01-15");
  }

  @Test
  void items_shouldRoundTripEveryField() {
    LedgerEntry e = entry();

    assertThat(LedgerItems.entry(LedgerItems.item(e))).isEqualTo(e);
  }

  @Test
  void webhookLog_shouldQueryTheBusinessDateIndexForWebhookFactsOnly() {
    QueryRequest q = new DynamoDbWebhookLog(mock(DynamoDbClient.class), "payments-t").request(DAY);

    assertThat(q.indexName()).isEqualTo("byBusinessDate");
    assertThat(q.keyConditionExpression()).isEqualTo("#d = :d AND begins_with(#pk, :cip)");
    assertThat(q.expressionAttributeValues()).containsEntry(":d", AttributeValue.fromS("2024-01-15"))
        .containsEntry(":webhook", AttributeValue.fromS("webhook"));
    assertThat(q.filterExpression()).contains("#src = :webhook").contains("attribute_exists(#body)");
  }

  @Test
  void alert_shouldCarrySeverityAndStageAttributes() {
    PublishRequest p = new SnsAlertPublisher(mock(SnsClient.class), "arn:aws:sns:us-east-1:1:alerts")
        .request(new Alert("subject 对账", "body", Alert.Severity.CRITICAL, "production"));

    assertThat(p.subject()).isEqualTo("subject 对账");
    assertThat(p.messageAttributes().get("severity").stringValue()).isEqualTo("critical");
    assertThat(p.messageAttributes().get("stage").stringValue()).isEqualTo("production");
    assertThat(p.messageAttributes().get("severity").dataType()).isEqualTo("String");
  }
}
