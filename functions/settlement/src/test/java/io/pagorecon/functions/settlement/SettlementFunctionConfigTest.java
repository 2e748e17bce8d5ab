package io.pagorecon.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.devstack.StackTemplate;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementFunctionConfigTest {

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("LEDGER_TABLE", "ledger");
    env.put("DATA_BUCKET", "data");
    env.put("ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alerts");
    env.put("STAGE", "sandbox");
    return env;
  }

  @Test
  void defaults_shouldBeTheContractsDefaults() {
    SettlementFunctionConfig c = SettlementFunctionConfig.fromEnvironment(env());
    assertThat(c.settleDays()).isEqualTo(2);
    assertThat(c.payoutDays()).isEqualTo(3);
    assertThat(c.fxTolerancePercent()).isEqualByComparingTo("0.5");
    assertThat(c.bankFormat().name()).isEqualTo("canonical");
    assertThat(c.alertPolicy().language()).isEqualTo(AlertLanguage.ZH);
  }

  @Test
  void settings_shouldBeRead() {
    Map<String, String> env = env();
    env.put("BANK_FORMAT", "bcp-usd");
    env.put("SETTLE_DAYS", "1");
    env.put("PAYOUT_DAYS", "5");
    env.put("FX_TOLERANCE_PERCENT", "1.25");
    env.put("ALERT_LANGUAGE", "es");
    SettlementFunctionConfig c = SettlementFunctionConfig.fromEnvironment(env);
    assertThat(c.bankFormat().values()).containsEntry("currency", "USD");
    assertThat(c.settleDays()).isEqualTo(1);
    assertThat(c.payoutDays()).isEqualTo(5);
    assertThat(c.fxTolerancePercent()).isEqualByComparingTo(new BigDecimal("1.25"));
    assertThat(c.alertPolicy().language()).isEqualTo(AlertLanguage.ES);
  }

  @Test
  void badValues_shouldFailNamingTheVariable() {
    for (String[] bad : new String[][] {{"BANK_FORMAT", "hsbc"}, {"SETTLE_DAYS", "-1"}, {"PAYOUT_DAYS", "x"}, {"FX_TOLERANCE_PERCENT", "half"},
        {"FX_TOLERANCE_PERCENT", "-1"}, {"ALERT_LANGUAGE", "fr"}, {"STAGE", "dev"}}) {
      Map<String, String> env = env();
      env.put(bad[0], bad[1]);
      assertThatThrownBy(() -> SettlementFunctionConfig.fromEnvironment(env)).as(bad[0]).hasMessageContaining(bad[0]);
    }
  }

  @Test
  void everyKey_shouldBeSetByTheTemplate_andDocumentedInTheReadme() throws IOException {
    StackTemplate template = StackTemplate.locate();
    Map<String, Object> set = template.functionEnvironment("SettlementFunction");
    String readme = Files.readString(template.directory().resolve("README.md"));
    for (String key : SettlementFunctionConfig.KEYS) {
      assertThat(set).as("template sets " + key).containsKey(key);
      assertThat(readme).as("README documents " + key).contains("| `" + key + "` |");
    }
    assertThat(SettlementFunctionConfig.KEYS).containsAll(set.keySet().stream().filter(k -> !k.startsWith("AWS_") && !k.equals("JAVA_TOOL_OPTIONS")
        && !k.equals("S3_FORCE_PATH_STYLE") && !k.equals("BUSINESS_ZONE")).toList());
  }
}
