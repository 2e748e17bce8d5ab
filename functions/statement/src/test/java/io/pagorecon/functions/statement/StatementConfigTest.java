package io.pagorecon.functions.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.core.Stage;
import io.pagorecon.devstack.StackTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementConfigTest {

  static final Set<String> GLOBALS = Set.of("S3_FORCE_PATH_STYLE", "JAVA_TOOL_OPTIONS");

  @Test
  void everyVariableTheTemplateSets_shouldBeAConfigKey() {
    Set<String> set = StackTemplate.locate().functionEnvironment("StatementFunction").keySet();

    assertThat(set).isNotEmpty();
    set.stream().filter(k -> !GLOBALS.contains(k)).forEach(k -> assertThat(StatementConfig.KEYS).as(k).contains(k));
  }

  @Test
  void sliceSettings_shouldAgreeWithTheSliceQueueAndItsEventSource() {
    StackTemplate template = StackTemplate.locate();
    Map<String, Object> worker = template.resource("StatementSliceFunction").orElseThrow().properties();
    Map<String, Object> source = StackTemplate.map(StackTemplate.map(StackTemplate.map(worker.get("Events")).get("Slices")).get("Properties"));
    Map<String, Object> queue = template.resource("StatementSliceQueue").orElseThrow().properties();
    String concurrency = String.valueOf(StackTemplate.map(source.get("ScalingConfig")).get("MaximumConcurrency"));

    assertThat(template.functionEnvironment("StatementSliceFunction").keySet()).allSatisfy(k -> assertThat(
        GLOBALS.contains(k) || StatementConfig.KEYS.contains(k)).as(k).isTrue());
    assertThat(template.functionEnvironment("StatementSliceFunction").get("STATEMENT_SLICE_CONCURRENCY")).hasToString(concurrency);
    assertThat(template.functionEnvironment("StatementFunction").get("STATEMENT_SLICE_CONCURRENCY")).hasToString(concurrency);
    assertThat(template.functionEnvironment("StatementSliceFunction").get("STATEMENT_SLICE_MAX_RECEIVES"))
        .hasToString(String.valueOf(StackTemplate.map(queue.get("RedrivePolicy")).get("maxReceiveCount")));
    assertThat(Integer.parseInt(String.valueOf(queue.get("VisibilityTimeout"))))
        .as("Lambda requires the visibility timeout to cover the function's timeout")
        .isGreaterThanOrEqualTo(Integer.parseInt(String.valueOf(worker.get("Timeout"))));
    assertThat(String.valueOf(source.get("BatchSize"))).as("one slice per invocation").isEqualTo("1");
  }

  @Test
  void sliceShare_shouldDivideTheAllowedRateAndCallsInFlight() {
    Map<String, String> env = new HashMap<>(Map.of("PAYMENTS_TABLE", "t", "DATA_BUCKET", "b", "ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:a",
        "PAGOEFECTIVO_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:s", "STAGE", "sandbox", "PAGOEFECTIVO_RATE_PER_SECOND", "100",
        "PAGOEFECTIVO_MAX_CONCURRENCY", "8", "STATEMENT_SLICE_CONCURRENCY", "4"));

    StatementConfig share = StatementConfig.fromEnvironment(env).sliceShare();

    assertThat(share.pagoEfectivo().ratePerSecond()).isEqualTo(25.0);
    assertThat(share.pagoEfectivo().maxConcurrency()).isEqualTo(2);
    assertThat(share.slicing().queueUrl()).isEmpty();
    assertThat(share.slicing().sliceCips()).isEqualTo(15_000);
  }

  @Test
  void fromEnvironment_shouldReadTheTemplateValues_andNameABadVariable() {
    Map<String, String> env = new HashMap<>(Map.of("PAYMENTS_TABLE", "t", "DATA_BUCKET", "b", "ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:a",
        "PAGOEFECTIVO_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:s", "STAGE", "production", "PAGOEFECTIVO_BASE_URL", "",
        "SETTLEMENT_MAPPING", "cip=CIP;status.Cancelado=PAID"));

    StatementConfig config = StatementConfig.fromEnvironment(env);

    assertThat(config.stage()).isEqualTo(Stage.PRODUCTION);
    assertThat(config.pagoEfectivo().baseUrl().toString()).isEqualTo("https://services.pagoefectivo.pe/v1/");
    assertThat(config.settlementMapping().columns().get("cip")).isEqualTo("CIP");
    env.put("SETTLEMENT_MAPPING", "colour=Red");
    assertThatThrownBy(() -> StatementConfig.fromEnvironment(env)).hasMessageContaining("SETTLEMENT_MAPPING");
    env.remove("SETTLEMENT_MAPPING");
    env.remove("DATA_BUCKET");
    assertThatThrownBy(() -> StatementConfig.fromEnvironment(env)).hasMessageContaining("DATA_BUCKET");
  }
}
