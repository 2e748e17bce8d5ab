package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ReconcileFunction's trigger, schedule fallback, alarm and least privilege: moto never fires
 * EventBridge rules or schedules nor checks IAM, so these facts are asserted as configuration.
 */
class ReconcileTemplateTest {

  private final StackTemplate template = StackTemplate.locate();

  private Map<String, Object> event(String name) {
    Resource fn = template.resource("ReconcileFunction").orElseThrow();
    return StackTemplate.map(StackTemplate.map(fn.properties().get("Events")).get(name));
  }

  @Test
  void statementManifest_shouldTriggerTheRunThroughEventBridge() {
    Map<String, Object> e = event("StatementLanded");
    Map<String, Object> pattern = StackTemplate.map(StackTemplate.map(e.get("Properties")).get("Pattern"));
    Map<String, Object> detail = StackTemplate.map(pattern.get("detail"));

    assertThat(e.get("Type")).isEqualTo("EventBridgeRule");
    assertThat(pattern.get("source")).isEqualTo(List.of("aws.s3"));
    assertThat(pattern.get("detail-type")).isEqualTo(List.of("Object Created"));
    assertThat(StackTemplate.map(detail.get("bucket")).get("name")).isEqualTo(List.of(Map.of("Ref", "DataBucket")));
    assertThat(StackTemplate.map(detail.get("object")).get("key"))
        .isEqualTo(List.of(Map.of("wildcard", Map.of("Fn::Sub", "statements/${Stage}/*/manifest.json"))));
    Map<String, Object> bucket = template.resource("DataBucket").orElseThrow().properties();
    assertThat(StackTemplate.map(StackTemplate.map(bucket.get("NotificationConfiguration")).get("EventBridgeConfiguration")))
        .containsEntry("EventBridgeEnabled", true);
  }

  @Test
  void dailyFallback_shouldReconcileYesterdayInLimaWithRetriesAndADeadLetterQueue() {
    Map<String, Object> e = event("DailyFallback");
    Map<String, Object> p = StackTemplate.map(e.get("Properties"));

    assertThat(e.get("Type")).isEqualTo("ScheduleV2");
    assertThat(p.get("ScheduleExpressionTimezone")).isEqualTo("America/Lima");
    assertThat(p.get("Input")).isEqualTo("{\"trigger\":\"schedule\"}");
    assertThat(((Number) StackTemplate.map(p.get("RetryPolicy")).get("MaximumRetryAttempts")).intValue()).isPositive();
    assertThat(StackTemplate.map(p.get("DeadLetterConfig")).get("Arn")).isEqualTo(Map.of("Fn::GetAtt", List.of("SchedulerDeadLetterQueue", "Arn")));
  }

  @Test
  void runs_shouldNeverOverlap() {
    assertThat(template.resource("ReconcileFunction").orElseThrow().properties().get("ReservedConcurrentExecutions")).isEqualTo(1);
  }

  @Test
  void failures_shouldAlarmOnTheAlertsTopic() {
    Map<String, Object> alarm = template.resource("ReconcileErrorsAlarm").orElseThrow().properties();

    assertThat(alarm.get("MetricName")).isEqualTo("Errors");
    assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", "AlertsTopic")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void policies_shouldReadInputsWriteReportsQueryOneIndexAndOwnOnlyTheLedger() {
    List<Map<String, Object>> policies = (List<Map<String, Object>>) template.resource("ReconcileFunction").orElseThrow()
        .properties().get("Policies");
    String all = policies.toString();

    // The ledger: exactly what DynamoDbLedger calls (issue 8 replaced the Crud policy).
    assertThat(all).contains("dynamodb:GetItem").contains("dynamodb:BatchGetItem").contains("dynamodb:PutItem")
        .contains("{Fn::GetAtt=[LedgerTable, Arn]}").contains("${LedgerTable.Arn}/index/byStatus")
        .doesNotContain("CrudPolicy").doesNotContain("dynamodb:DeleteItem");
    assertThat(all).contains("${PaymentsTable.Arn}/index/byBusinessDate").contains("dynamodb:Query")
        .contains("${DataBucket.Arn}/reports/${Stage}/*").contains("${DataBucket.Arn}/statements/${Stage}/*")
        .contains("${DataBucket.Arn}/orders/${Stage}/*").contains("SNSPublishMessagePolicy")
        .doesNotContain("s3:*").doesNotContain("dynamodb:Scan");
    assertThat(policies).noneSatisfy(p -> assertThat(p.toString()).contains("DynamoDBCrudPolicy={TableName={Ref=PaymentsTable}}"));
  }
}
