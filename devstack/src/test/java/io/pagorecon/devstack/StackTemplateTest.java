package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.devstack.internal.Intrinsics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTemplateTest {

  @TempDir Path dir;

  @Test
  void load_shouldReadShortFormTagsAsLongForm() throws IOException {
    Path file = write("""
        Conditions:
          HasEmail: !Not [!Equals [!Ref Email, ""]]
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  A: !Ref Table
                  B: !Sub "${AWS::StackName}-x"
                  C: !GetAtt Table.Arn
                  D: !If [HasEmail, yes, no]
                  E: !Select [1, [a, b]]
                  F: !Join ["-", [!Ref Table, z]]
        """);

    StackTemplate template = StackTemplate.load(file);
    Map<String, Object> env = template.functionEnvironment("Fn");

    assertThat(env.get("A")).isEqualTo(Map.of("Ref", "Table"));
    assertThat(env.get("B")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
    assertThat(env.get("C")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "Arn")));
    assertThat(template.conditions().get("HasEmail"))
        .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Email"), "")))));
  }

  @Test
  void intrinsics_shouldResolveRefsSubsConditionsAndSelects() throws IOException {
    StackTemplate template = StackTemplate.load(write("""
        Conditions:
          HasEmail: !Not [!Equals [!Ref Email, ""]]
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  A: !Ref Table
                  B: !Sub "${AWS::StackName}-${Table}-${Table.Arn}-${!Literal}"
                  D: !If [HasEmail, yes-mail, no-mail]
                  E: !Select [1, [a, b]]
                  F: !Join ["-", [!Ref Table, z]]
                  G: !Sub ["${X}!", {X: !Ref Table}]
        """));
    Map<String, String> refs = Map.of("Table", "t-1", "AWS::StackName", "stack", "Email", "");
    Intrinsics intrinsics = new Intrinsics(refs::get, att -> "arn:" + att.get(0) + "." + att.get(1), template.conditions());

    Map<String, Object> env = template.functionEnvironment("Fn");

    assertThat(intrinsics.resolve(env.get("A"))).isEqualTo("t-1");
    assertThat(intrinsics.resolve(env.get("B"))).isEqualTo("stack-t-1-arn:Table.Arn-${Literal}");
    assertThat(intrinsics.resolve(env.get("D"))).isEqualTo("no-mail");
    assertThat(intrinsics.resolve(env.get("E"))).isEqualTo("b");
    assertThat(intrinsics.resolve(env.get("F"))).isEqualTo("t-1-z");
    assertThat(intrinsics.resolve(env.get("G"))).isEqualTo("t-1!");
  }

  @Test
  void functionEnvironment_shouldLetFunctionVariablesOverrideGlobals() throws IOException {
    StackTemplate template = StackTemplate.load(write("""
        Globals:
          Function:
            Environment:
              Variables:
                STAGE: global
                ZONE: America/Lima
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  STAGE: own
        """));

    assertThat(template.functionEnvironment("Fn")).containsEntry("STAGE", "own").containsEntry("ZONE", "America/Lima");
  }

  @Test
  void findUpwards_shouldFindTheRepositoryTemplateFromAModuleDirectory() {
    Path found = StackTemplate.findUpwards(Path.of("").toAbsolutePath());

    assertThat(found.getFileName().toString()).isEqualTo("template.yaml");
    assertThat(found.getParent().resolve("pom.xml")).exists();
  }

  @Test
  void load_shouldRejectDuplicateKeys() throws IOException {
    Path file = write("""
        Resources:
          A: {Type: X}
          A: {Type: Y}
        """);

    assertThatThrownBy(() -> StackTemplate.load(file)).hasMessageContaining("duplicate key");
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
