package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The samconfig examples under deploy/ (docs/deploy.md) name only the template's parameters, with
 * values CloudFormation accepts: allowed values, patterns and number ranges as the template declares.
 */
class SamConfigExamplesTest {

  private static final Pattern OVERRIDES = Pattern.compile("(?m)^parameter_overrides = \"(.*)\"$");
  private static final Pattern STACK = Pattern.compile("(?m)^stack_name = \"(.*)\"$");

  @ParameterizedTest
  @ValueSource(strings = {"sandbox", "production"})
  void example_shouldSetOnlyTemplateParameters_withValuesTheTemplateAllows(String stage) throws IOException {
    StackTemplate template = StackTemplate.locate();
    String toml = Files.readString(template.directory().resolve(Path.of("deploy", "samconfig-" + stage + ".toml")));
    Map<String, String> overrides = overrides(toml);

    assertThat(overrides).containsEntry("Stage", stage);
    Matcher stack = STACK.matcher(toml);
    assertThat(stack.find()).isTrue();
    assertThat(stack.group(1)).isEqualTo("pagorecon-" + stage);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      assertThat(template.parameters()).as("template parameter " + e.getKey()).containsKey(e.getKey());
      Map<String, Object> declared = StackTemplate.map(template.parameters().get(e.getKey()));
      String value = e.getValue();
      if (declared.get("AllowedValues") instanceof List<?> allowed) {
        assertThat(allowed.stream().map(String::valueOf).toList()).as(e.getKey()).contains(value);
      }
      if (declared.get("AllowedPattern") != null) {
        assertThat(value).as(e.getKey()).matches(String.valueOf(declared.get("AllowedPattern")));
      }
      if ("Number".equals(declared.get("Type"))) {
        BigDecimal n = new BigDecimal(value);
        if (declared.get("MinValue") != null) {
          assertThat(n).as(e.getKey()).isGreaterThanOrEqualTo(new BigDecimal(String.valueOf(declared.get("MinValue"))));
        }
        if (declared.get("MaxValue") != null) {
          assertThat(n).as(e.getKey()).isLessThanOrEqualTo(new BigDecimal(String.valueOf(declared.get("MaxValue"))));
        }
      }
    }
  }

  /** {@code Key=Value Key=Value}: SAM's space-separated form (no value here holds a space). */
  private static Map<String, String> overrides(String toml) {
    Matcher m = OVERRIDES.matcher(toml);
    assertThat(m.find()).as("parameter_overrides line").isTrue();
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : m.group(1).trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      assertThat(eq).as(pair).isPositive();
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }
}
