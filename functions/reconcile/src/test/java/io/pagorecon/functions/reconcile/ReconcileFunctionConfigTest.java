package io.pagorecon.functions.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.core.alert.AlertLanguage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileFunctionConfigTest {

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PAYMENTS_TABLE", "payments");
    env.put("LEDGER_TABLE", "ledger");
    env.put("DATA_BUCKET", "data");
    env.put("ALERTS_TOPIC_ARN", "arn:aws:sns:us-east-1:1:alerts");
    env.put("STAGE", "sandbox");
    return env;
  }

  @Test
  void defaults_shouldBeChineseAlertsLimaCanonicalOrdersAndNoThresholds() {
    ReconcileFunctionConfig c = ReconcileFunctionConfig.fromEnvironment(env());

    assertThat(c.alertPolicy().language()).isEqualTo(AlertLanguage.ZH);
    assertThat(c.alertPolicy().minCount()).isZero();
    assertThat(c.alertPolicy().dailySummary()).isFalse();
    assertThat(c.businessZone()).isEqualTo(ZoneId.of("America/Lima"));
    assertThat(c.sellerZone()).isEmpty();
    assertThat(c.lateWebhookAfter()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void settings_shouldBeRead() {
    Map<String, String> env = env();
    env.put("ALERT_LANGUAGE", "es");
    env.put("ALERT_MIN_COUNT", "10");
    env.put("ALERT_MIN_AMOUNT", "500.5");
    env.put("DAILY_SUMMARY", "true");
    env.put("SELLER_ZONE", "Asia/Shanghai");
    env.put("ORDERS_FORMAT", "shopify");
    env.put("ORDERS_LOOKBACK_DAYS", "3");

    ReconcileFunctionConfig c = ReconcileFunctionConfig.fromEnvironment(env);

    assertThat(c.alertPolicy().language()).isEqualTo(AlertLanguage.ES);
    assertThat(c.alertPolicy().minCount()).isEqualTo(10);
    assertThat(c.alertPolicy().minAmount()).isEqualByComparingTo(new BigDecimal("500.50"));
    assertThat(c.alertPolicy().dailySummary()).isTrue();
    assertThat(c.sellerZone()).contains(ZoneId.of("Asia/Shanghai"));
    assertThat(c.ordersFormat().name()).isEqualToIgnoringCase("shopify");
    assertThat(c.ordersLookbackDays()).isEqualTo(3);
  }

  @Test
  void badValues_shouldFailNamingTheVariable() {
    for (String[] bad : new String[][] {
        {"ALERT_LANGUAGE", "fr"}, {"ALERT_MIN_COUNT", "-1"}, {"ALERT_MIN_AMOUNT", "lots"}, {"DAILY_SUMMARY", "yes"},
        {"SELLER_ZONE", "Mars/Base"}, {"ORDERS_FORMAT", "magento"}, {"ORDERS_LOOKBACK_DAYS", "40"}, {"STAGE", "dev"}}) {
      Map<String, String> env = env();
      env.put(bad[0], bad[1]);
      assertThatThrownBy(() -> ReconcileFunctionConfig.fromEnvironment(env)).as(bad[0]).hasMessageContaining(bad[0]);
    }
    Map<String, String> env = env();
    env.remove("LEDGER_TABLE");
    assertThatThrownBy(() -> ReconcileFunctionConfig.fromEnvironment(env)).hasMessageContaining("LEDGER_TABLE");
  }
}
