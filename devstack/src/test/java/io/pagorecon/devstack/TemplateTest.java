package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What moto stores but never executes (lifecycle expiry, TTL, PITR, the TLS-only policy) and what
 * only AWS reads (runtime, SnapStart, IAM), asserted as configuration of template.yaml.
 */
class TemplateTest {

  private final StackTemplate template = StackTemplate.locate();

  @Test
  void retentionDays_shouldNotBeSettableBelow90() {
    Map<String, Object> retention = StackTemplate.map(template.parameters().get("RetentionDays"));

    assertThat(((Number) retention.get("MinValue")).intValue()).isGreaterThanOrEqualTo(90);
    assertThat(((Number) retention.get("Default")).intValue()).isGreaterThanOrEqualTo(90);
  }

  @Test
  void stage_shouldAllowOnlySandboxAndProduction() {
    Map<String, Object> stage = StackTemplate.map(template.parameters().get("Stage"));

    assertThat(stage.get("AllowedValues")).isEqualTo(List.of("sandbox", "production"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void dataBucket_shouldExpireCurrentObjectsAfterRetentionDaysAndNoncurrentOnes() {
    List<Map<String, Object>> rules = (List<Map<String, Object>>) StackTemplate.map(
        props("DataBucket").get("LifecycleConfiguration")).get("Rules");

    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.get("Status")).isEqualTo("Enabled");
      assertThat(rule.get("ExpirationInDays")).isEqualTo(Map.of("Ref", "RetentionDays"));
      assertThat(rule).containsKey("NoncurrentVersionExpiration").containsKey("AbortIncompleteMultipartUpload");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void apiCallJournal_shouldBeKeptLikeTheEvidence_byOneUnfilteredRetentionRule() {
    List<Map<String, Object>> rules = (List<Map<String, Object>>) StackTemplate.map(
        props("DataBucket").get("LifecycleConfiguration")).get("Rules");

    // journal/ and raw/ fall under the same rule: one with no prefix or tag filter, expiring at RetentionDays (>= 90).
    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.get("ExpirationInDays")).isEqualTo(Map.of("Ref", "RetentionDays"));
      assertThat(rule).doesNotContainKeys("Prefix", "Filter", "TagFilters");
    });
    assertThat(rules).allSatisfy(rule -> assertThat(String.valueOf(rule)).doesNotContain("journal"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyBucket_shouldBeEncryptedPrivateAndVersioned() {
    List<Resource> buckets = template.resourcesOfType("AWS::S3::Bucket");
    assertThat(buckets).isNotEmpty();
    for (Resource bucket : buckets) {
      Map<String, Object> p = bucket.properties();
      assertThat(StackTemplate.map(p.get("VersioningConfiguration")).get("Status")).as(bucket.logicalId()).isEqualTo("Enabled");
      assertThat((List<Object>) StackTemplate.map(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))
          .as(bucket.logicalId()).isNotEmpty();
      assertThat(StackTemplate.map(p.get("PublicAccessBlockConfiguration"))).as(bucket.logicalId()).isEqualTo(Map.of(
          "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
      assertThat(p).doesNotContainKey("BucketName");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyBucket_shouldHaveAPolicyDenyingInsecureTransport() {
    for (Resource bucket : template.resourcesOfType("AWS::S3::Bucket")) {
      List<Map<String, Object>> statements = template.resourcesOfType("AWS::S3::BucketPolicy").stream()
          .filter(policy -> Map.of("Ref", bucket.logicalId()).equals(policy.properties().get("Bucket")))
          .flatMap(policy -> ((List<Map<String, Object>>) StackTemplate.map(policy.properties().get("PolicyDocument"))
              .get("Statement")).stream())
          .toList();

      assertThat(statements).as(bucket.logicalId()).anySatisfy(s -> {
        assertThat(s.get("Effect")).isEqualTo("Deny");
        assertThat(StackTemplate.map(StackTemplate.map(s.get("Condition")).get("Bool")).get("aws:SecureTransport"))
            .isIn("false", false);
      });
    }
  }

  @Test
  void paymentsTable_shouldCarryTheTtlAttributeOfTheDataModel() {
    Map<String, Object> ttl = StackTemplate.map(props("PaymentsTable").get("TimeToLiveSpecification"));

    assertThat(ttl).isEqualTo(Map.of("AttributeName", "ttl", "Enabled", true));
  }

  @Test
  void everyTable_shouldBeOnDemandWithPitrAndEncryption() {
    List<Resource> tables = template.resourcesOfType("AWS::DynamoDB::Table");
    assertThat(tables).isNotEmpty();
    for (Resource table : tables) {
      Map<String, Object> p = table.properties();
      assertThat(p.get("BillingMode")).as(table.logicalId()).isEqualTo("PAY_PER_REQUEST");
      assertThat(StackTemplate.map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
          .as(table.logicalId()).isEqualTo(true);
      assertThat(StackTemplate.map(p.get("SSESpecification")).get("SSEEnabled")).as(table.logicalId()).isEqualTo(true);
      assertThat(p).doesNotContainKey("TableName");
    }
  }

  @Test
  void globals_shouldRunJava21OnArm64WithSnapStartOnPublishedVersions() {
    Map<String, Object> globals = template.functionGlobals();

    assertThat(globals.get("Runtime")).isEqualTo("java21");
    assertThat(globals.get("Architectures")).isEqualTo(List.of("arm64"));
    assertThat(globals.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
    assertThat(globals).containsKey("AutoPublishAlias");
    for (Resource fn : functions()) {
      assertThat(fn.properties()).as(fn.logicalId()).doesNotContainKeys("Runtime", "Architectures", "FunctionName");
    }
  }

  @Test
  void iam_shouldNeverGrantResourceStar() {
    List<String> found = new ArrayList<>();
    collectStarResources(template.resources(), "Resources", found);

    assertThat(found).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void functionPolicies_shouldBeScopedPolicyTemplatesOrStatements() {
    for (Resource fn : functions()) {
      for (Object policy : (List<Object>) fn.properties().getOrDefault("Policies", List.of())) {
        assertThat(policy).as(fn.logicalId() + " policy " + policy).isInstanceOf(Map.class);
        Map<String, Object> p = (Map<String, Object>) policy;
        if (!p.containsKey("Statement")) {
          // SAM policy template: its single argument map names the one resource it grants
          Map<String, Object> args = StackTemplate.map(p.values().iterator().next());
          assertThat(args).as(fn.logicalId() + " " + p.keySet()).isNotEmpty()
              .allSatisfy((k, v) -> assertThat(v).isInstanceOf(Map.class));
        }
      }
    }
  }

  @Test
  void everyFunction_shouldDeployTheShadedJarItsMavenModuleBuilds() throws IOException {
    Pattern codeUri = Pattern.compile("functions/([a-z0-9-]+)/target/([a-z0-9-]+)-lambda\\.jar");
    assertThat(functions()).isNotEmpty();
    for (Resource fn : functions()) {
      Matcher m = codeUri.matcher(String.valueOf(fn.properties().get("CodeUri")));
      assertThat(m.matches()).as(fn.logicalId() + " CodeUri " + fn.properties().get("CodeUri")).isTrue();
      String module = m.group(1);
      Path pom = template.directory().resolve("functions").resolve(module).resolve("pom.xml");

      assertThat(pom).as(fn.logicalId()).exists();
      assertThat(Files.readString(pom)).contains("<artifactId>" + m.group(2) + "</artifactId>");
      assertThat(Files.readString(template.directory().resolve("functions/pom.xml"))).contains("<module>" + module + "</module>");
    }
  }

  @Test
  void everyFunction_shouldLogToItsOwnLogGroupWithRetention() {
    for (Resource fn : functions()) {
      Object logGroupRef = StackTemplate.map(fn.properties().get("LoggingConfig")).get("LogGroup");
      assertThat(logGroupRef).as(fn.logicalId()).isInstanceOf(Map.class);
      String logGroupId = (String) StackTemplate.map(logGroupRef).get("Ref");
      Resource logGroup = template.resource(logGroupId).orElseThrow();

      assertThat(logGroup.type()).isEqualTo("AWS::Logs::LogGroup");
      assertThat(logGroup.properties().get("RetentionInDays")).as(logGroupId).isEqualTo(Map.of("Ref", "LogRetentionDays"));
    }
  }

  @Test
  void webhookFunction_shouldBeRoutedFromPostWebhooksPagoefectivo() {
    Map<String, Object> events = StackTemplate.map(props("WebhookFunction").get("Events"));

    assertThat(events.values()).anySatisfy(e -> {
      Map<String, Object> event = StackTemplate.map(e);
      assertThat(event.get("Type")).isIn("HttpApi", "Api");
      assertThat(StackTemplate.map(event.get("Properties")))
          .containsEntry("Method", "POST")
          .containsEntry("Path", "/webhooks/pagoefectivo");
    });
  }

  @Test
  void alertEmailSubscription_shouldExistOnlyWhenAnEmailIsGiven() {
    Resource subscription = template.resourcesOfType("AWS::SNS::Subscription").stream()
        .filter(s -> "email".equals(s.properties().get("Protocol"))).findFirst().orElseThrow();

    assertThat(subscription.condition()).contains("HasAlertEmail");
    assertThat(StackTemplate.map(template.parameters().get("AlertEmail")).get("Default")).isEqualTo("");
  }

  @Test
  void outputs_shouldNameTheWebhookUrlTablesBucketAndTopic() {
    assertThat(template.outputs()).containsKeys("WebhookUrl", "PaymentsTableName", "DataBucketName", "AlertsTopicArn");
  }

  private List<Resource> functions() {
    return template.resourcesOfType("AWS::Serverless::Function");
  }

  private Map<String, Object> props(String logicalId) {
    return template.resource(logicalId).orElseThrow().properties();
  }

  private static void collectStarResources(Object node, String path, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if ("Resource".equals(k) && (("*".equals(v)) || (v instanceof List<?> l && l.contains("*")))) {
          found.add(path + "." + k);
        }
        collectStarResources(v, path + "." + k, found);
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectStarResources(list.get(i), path + "[" + i + "]", found);
      }
    }
  }
}
