package io.pagorecon.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentsConfigTest {

  static final Set<String> GLOBALS = Set.of("S3_FORCE_PATH_STYLE", "JAVA_TOOL_OPTIONS");

  @Test
  void everyVariableTheTemplateSets_shouldBeAConfigKey() {
    Set<String> set = StackTemplate.locate().functionEnvironment("PaymentsApiFunction").keySet();

    assertThat(set).isNotEmpty();
    set.stream().filter(k -> !GLOBALS.contains(k)).forEach(k -> assertThat(PaymentsConfig.KEYS).as(k).contains(k));
  }
}
