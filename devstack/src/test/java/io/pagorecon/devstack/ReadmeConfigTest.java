package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration tables, quick start and CI must stay true to the template and scripts. */
class ReadmeConfigTest {

  private static final Pattern TABLE_ROW_NAME = Pattern.compile("(?m)^\\| `([A-Za-z0-9_]+)` \\|");

  private final StackTemplate template = StackTemplate.locate();
  private final Path root = template.directory();

  @Test
  void configurationTable_shouldListEveryVariableTheTemplateSetsOnAnyFunction() throws IOException {
    Set<String> documented = documentedNames();
    Set<String> set = new TreeSet<>();
    for (Resource fn : template.resourcesOfType("AWS::Serverless::Function")) {
      set.addAll(template.functionEnvironment(fn.logicalId()).keySet());
    }

    assertThat(set).isNotEmpty();
    assertThat(documented).containsAll(set);
  }

  @Test
  void configurationTable_shouldListEveryTemplateParameter() throws IOException {
    assertThat(documentedNames()).containsAll(template.parameters().keySet());
  }

  @Test
  void configurationTable_shouldListTheVariablesDevstackReads() throws IOException {
    assertThat(documentedNames()).contains(MotoServer.ENDPOINT_VARIABLE, MotoServer.PYTHON_VARIABLE,
        "AWS_REGION", "AWS_ENDPOINT_URL", "S3_FORCE_PATH_STYLE");
  }

  @Test
  void quickStart_shouldHaveExactlyTwoCommands_andCiShouldRunTheSameTestCommand() throws IOException {
    String readme = readme();
    Matcher quickStart = Pattern.compile("(?s)## Quick start\\s+```bash\\n(.*?)```").matcher(readme);
    assertThat(quickStart.find()).as("README has a Quick start bash block").isTrue();
    String[] commands = quickStart.group(1).strip().split("\\n");

    assertThat(commands).containsExactly("./pagorecon demo", "./mvnw -B verify");
    assertThat(Files.readString(root.resolve(".ci/run"))).contains("\n" + commands[1] + "\n").contains("cfn-lint template.yaml");
    assertThat(root.resolve("pagorecon")).isExecutable();
    assertThat(root.resolve(".ci/run")).isExecutable();
    assertThat(root.resolve("mvnw")).isExecutable();
  }

  @Test
  void readme_shouldLinkOnlyToFilesThatExist() throws IOException {
    Matcher link = Pattern.compile("\\]\\(([^)#:]+)\\)").matcher(readme());
    while (link.find()) {
      assertThat(root.resolve(link.group(1))).as("README links to " + link.group(1)).exists();
    }
  }

  private Set<String> documentedNames() throws IOException {
    String readme = readme();
    int start = readme.indexOf("## Configuration");
    int end = readme.indexOf("\n## ", start + 1);
    assertThat(start).as("README has a Configuration section").isNotNegative();
    Matcher m = TABLE_ROW_NAME.matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private String readme() throws IOException {
    return Files.readString(root.resolve("README.md"));
  }
}
