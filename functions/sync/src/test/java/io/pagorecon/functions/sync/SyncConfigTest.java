package io.pagorecon.functions.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncConfigTest {

  static final Set<String> GLOBALS = Set.of("S3_FORCE_PATH_STYLE", "JAVA_TOOL_OPTIONS");

  @Test
  void everyVariableTheTemplateSets_shouldBeAConfigKey() {
    Set<String> set = StackTemplate.locate().functionEnvironment("SyncFunction").keySet();

    assertThat(set).isNotEmpty();
    set.stream().filter(k -> !GLOBALS.contains(k)).forEach(k -> assertThat(SyncConfig.KEYS).as(k).contains(k));
  }
}
