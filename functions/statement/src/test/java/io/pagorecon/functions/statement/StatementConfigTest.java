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
