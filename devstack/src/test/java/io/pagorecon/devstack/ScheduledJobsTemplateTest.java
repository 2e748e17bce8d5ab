package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The schedules, dead-letter queue and API auth of the sync, statement and payments functions:
 * moto never fires a schedule nor checks IAM, so these facts are asserted as configuration.
 */
class ScheduledJobsTemplateTest {

  private final StackTemplate template = StackTemplate.locate();

  @Test
  void syncFunction_shouldRunEveryTenMinutesInLimaWithRetriesAndADeadLetterQueue() {
    Map<String, Object> schedule = schedule("SyncFunction", "EveryTenMinutes");

    assertThat(schedule.get("ScheduleExpression")).isEqualTo("rate(10 minutes)");
    assertThat(schedule.get("ScheduleExpressionTimezone")).isEqualTo("America/Lima");
    assertRetriesAndDeadLetters(schedule);
  }

  @Test
  void statementFunction_shouldRunAtTwoInTheMorningLimaWithRetriesAndADeadLetterQueue() {
    Map<String, Object> schedule = schedule("StatementFunction", "DailyAtTwoLima");

    assertThat(schedule.get("ScheduleExpression")).isEqualTo("cron(0 2 * * ? *)");
    assertThat(schedule.get("ScheduleExpressionTimezone")).isEqualTo("America/Lima");
    assertThat(schedule.get("Input")).isEqualTo("{\"trigger\":\"schedule\"}");
    assertRetriesAndDeadLetters(schedule);
  }

  @Test
  void statementFunction_shouldOnlyReadTheTableAndWriteOnlyItsStatementsPrefix() {
    Resource fn = template.resource("StatementFunction").orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> policies = (List<Map<String, Object>>) fn.properties().get("Policies");

    assertThat(policies).anySatisfy(p -> assertThat(p).containsKey("DynamoDBReadPolicy"));
    assertThat(policies).noneSatisfy(p -> assertThat(p).containsKey("DynamoDBCrudPolicy"));
    assertThat(policies.toString()).contains("/statements/${Stage}/*").contains("/inbox/portal/*").doesNotContain("s3:*");
  }

  @Test
  void paymentsRoutes_shouldRequireIam_andTheApiShouldEnableIt() {
    Resource fn = template.resource("PaymentsApiFunction").orElseThrow();
    Map<String, Object> events = StackTemplate.map(fn.properties().get("Events"));

    assertThat(events).containsOnlyKeys("CreatePayment", "GetPayment", "CancelPayment");
    events.values().forEach(e -> assertThat(StackTemplate.map(StackTemplate.map(StackTemplate.map(e).get("Properties")).get("Auth")).get("Authorizer"))
        .isEqualTo("AWS_IAM"));
    Resource api = template.resource("WebhookApi").orElseThrow();
    assertThat(StackTemplate.map(api.properties().get("Auth")).get("EnableIamAuthorizer")).isEqualTo(true);
  }

  private Map<String, Object> schedule(String function, String event) {
    Resource fn = template.resource(function).orElseThrow();
    Map<String, Object> e = StackTemplate.map(StackTemplate.map(fn.properties().get("Events")).get(event));
    assertThat(e.get("Type")).isEqualTo("ScheduleV2");
    return StackTemplate.map(e.get("Properties"));
  }

  private void assertRetriesAndDeadLetters(Map<String, Object> schedule) {
    assertThat(((Number) StackTemplate.map(schedule.get("RetryPolicy")).get("MaximumRetryAttempts")).intValue()).isPositive();
    assertThat(StackTemplate.map(schedule.get("DeadLetterConfig")).get("Arn"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("SchedulerDeadLetterQueue", "Arn")));
    assertThat(template.resource("SchedulerDeadLetterQueue").orElseThrow().type()).isEqualTo("AWS::SQS::Queue");
  }
}
