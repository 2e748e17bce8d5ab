package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.aws.AwsClientSettings;
import io.pagorecon.core.Stage;
import io.pagorecon.devstack.StackTemplate;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PAYMENTS_TABLE", "payments");
    env.put("DATA_BUCKET", "data");
    env.put("PAGOEFECTIVO_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:pe");
    env.put("STAGE", "production");
    env.put("LEDGER_TABLE", "ledger");
    env.put("ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alerts");
    env.put("SHOP_EVENT_BUS", "shop-events");
    return env;
  }

  @Test
  void fromEnvironment_shouldApplyDefaults_whenOptionalVariablesAreAbsent() {
    WebhookConfig config = WebhookConfig.fromEnvironment(env());
    assertThat(config.stage()).isEqualTo(Stage.PRODUCTION);
    assertThat(config.secretTtl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.businessZone()).isEqualTo(ZoneId.of("America/Lima"));
  }

  @Test
  void fromEnvironment_shouldNameTheVariable_whenRequiredOneIsMissing() {
    for (String name : new String[] {"PAYMENTS_TABLE", "DATA_BUCKET", "PAGOEFECTIVO_SECRET_ARN", "STAGE", "LEDGER_TABLE", "ALERTS_TOPIC_ARN",
        "SHOP_EVENT_BUS"}) {
      Map<String, String> env = env();
      env.remove(name);
      assertThatThrownBy(() -> WebhookConfig.fromEnvironment(env)).hasMessageContaining(name);
    }
  }

  @Test
  void fromEnvironment_shouldNameTheVariable_whenValueIsInvalid() {
    Map<String, String> env = env();
    env.put("STAGE", "staging");
    assertThatThrownBy(() -> WebhookConfig.fromEnvironment(env)).hasMessageContaining("STAGE");
    env.put("STAGE", "sandbox");
    env.put("SECRET_TTL_SECONDS", "soon");
    assertThatThrownBy(() -> WebhookConfig.fromEnvironment(env)).hasMessageContaining("SECRET_TTL_SECONDS");
    env.put("SECRET_TTL_SECONDS", "60");
    env.put("BUSINESS_ZONE", "Lima");
    assertThatThrownBy(() -> WebhookConfig.fromEnvironment(env)).hasMessageContaining("BUSINESS_ZONE");
    env.put("BUSINESS_ZONE", "America/Lima");
    env.put("ALERT_LANGUAGE", "fr");
    assertThatThrownBy(() -> WebhookConfig.fromEnvironment(env)).hasMessageContaining("ALERT_LANGUAGE");
  }

  @Test
  void readme_shouldDocumentEveryVariableTheConfigReads() throws Exception {
    String readme = java.nio.file.Files.readString(StackTemplate.locate().directory().resolve("README.md"));
    String configuration = readme.substring(readme.indexOf("## Configuration"));
    for (String key : WebhookConfig.KEYS) {
      assertThat(configuration).as("README configuration table lists " + key).contains("| `" + key + "` |");
    }
  }

  @Test
  void template_shouldSetEveryRequiredVariable_andOnlyKnownOnes() {
    Set<String> templateVariables = StackTemplate.locate().functionEnvironment("WebhookFunction").keySet();
    Set<String> known = new java.util.HashSet<>(WebhookConfig.KEYS);
    known.addAll(Set.of(AwsClientSettings.REGION, AwsClientSettings.ENDPOINT_URL, AwsClientSettings.S3_FORCE_PATH_STYLE, "JAVA_TOOL_OPTIONS"));

    assertThat(known).containsAll(templateVariables);
    assertThat(templateVariables).contains("PAYMENTS_TABLE", "DATA_BUCKET", "PAGOEFECTIVO_SECRET_ARN", "STAGE", "SECRET_TTL_SECONDS", "BUSINESS_ZONE");
  }
}
