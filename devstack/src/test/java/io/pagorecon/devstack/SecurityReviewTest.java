package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.StackTemplate.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The security review of issue 8, enforced where a test can: least privilege per function, no
 * wildcard grants, secrets only through Secrets Manager, authentication on every route but the
 * signed PagoEfectivo webhook, throttling on every API, a constant-time signature comparison, and
 * no secret taken as a CLI flag. (Bucket encryption, privacy and TLS-only access: {@link TemplateTest}.)
 */
class SecurityReviewTest {

  private final StackTemplate template = StackTemplate.locate();

  /** The only route that may be unauthenticated: PagoEfectivo signs its body instead (PE-Signature). */
  static final String WEBHOOK_PATH = "/webhooks/pagoefectivo";

  @Test
  @SuppressWarnings("unchecked")
  void allowStatements_shouldNameNoWildcardResourceOrAction() {
    List<String> found = new ArrayList<>();
    for (Map<String, Object> statement : allStatements()) {
      if (!"Allow".equals(statement.get("Effect"))) {
        continue; // a Deny may be broad on purpose (DenyInsecureTransport)
      }
      for (Object action : asList(statement.get("Action"))) {
        if (String.valueOf(action).contains("*")) {
          found.add("action " + action);
        }
      }
      for (Object resource : asList(statement.get("Resource"))) {
        String text = String.valueOf(resource);
        // A whole account, service or bucket; a prefix under a bucket (raw/*) is fine.
        if (text.equals("*") || text.endsWith(":*") || text.matches(".*\\$\\{[A-Za-z]+\\.Arn\\}/\\*\\}?$") || text.contains("::*")) {
          found.add("resource " + text);
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void functions_shouldUseNoCrudOrFullAccessPolicy() {
    for (Resource fn : functions()) {
      for (Object policy : (List<Object>) fn.properties().getOrDefault("Policies", List.of())) {
        assertThat(policy).as(fn.logicalId()).isInstanceOf(Map.class);
        for (String name : ((Map<String, Object>) policy).keySet()) {
          assertThat(name).as(fn.logicalId()).doesNotContain("Crud").doesNotContain("FullAccess").doesNotContain("PowerUser");
        }
      }
    }
  }

  @Test
  void webhookFunction_shouldBeGrantedExactlyTheCallsItMakes() {
    Map<String, Object> fn = template.resource("WebhookFunction").orElseThrow().properties();

    assertThat(grants(fn)).containsExactlyInAnyOrder(
        "dynamodb:GetItem on {Fn::GetAtt=[PaymentsTable, Arn]}",
        "dynamodb:PutItem on {Fn::GetAtt=[PaymentsTable, Arn]}",
        "dynamodb:UpdateItem on {Fn::GetAtt=[PaymentsTable, Arn]}",
        "s3:PutObject on {Fn::Sub=${DataBucket.Arn}/rejected/*}",
        "dynamodb:GetItem on {Fn::GetAtt=[LedgerTable, Arn]}",
        "dynamodb:PutItem on {Fn::GetAtt=[LedgerTable, Arn]}",
        "events:PutEvents on {Fn::GetAtt=[ShopEventBus, Arn]}",
        "SNSPublishMessagePolicy on {TopicName={Fn::GetAtt=[AlertsTopic, TopicName]}}",
        "AWSSecretsManagerGetSecretValuePolicy on {SecretArn={Ref=PagoEfectivoSecret}}");
  }

  @Test
  void tableWriters_shouldHaveNoDeleteScanOrBatchWrite() {
    for (Resource fn : functions()) {
      for (String grant : grants(fn.properties())) {
        assertThat(grant).as(fn.logicalId())
            .doesNotContain("dynamodb:DeleteItem").doesNotContain("dynamodb:Scan").doesNotContain("dynamodb:BatchWriteItem")
            .doesNotContain("s3:DeleteObject");
      }
    }
  }

  @Test
  void dingTalkFunction_shouldOnlyPollItsQueueAndReadItsSecret() {
    Map<String, Object> fn = template.resource("DingTalkFunction").orElseThrow().properties();

    assertThat(grants(fn)).containsExactlyInAnyOrder(
        "SQSPollerPolicy on {QueueName={Fn::GetAtt=[DingTalkQueue, QueueName]}}",
        "AWSSecretsManagerGetSecretValuePolicy on {SecretArn={Ref=DingTalkSecret}}");
  }

  @Test
  void the_webhookCode_shouldCallOnlyWhatTheWebhookIsGranted() throws IOException {
    String store = Files.readString(source("aws-adapters", "io/pagorecon/aws/DynamoDbPaymentStore.java"));
    String evidence = Files.readString(source("aws-adapters", "io/pagorecon/aws/S3EvidenceStore.java"));
    String items = Files.readString(source("aws-adapters", "io/pagorecon/aws/EvidenceItems.java"));
    String archive = Files.readString(source("aws-adapters", "io/pagorecon/aws/EvidenceArchive.java"));

    // DynamoDB: one conditional write per fact (no transaction), and the evidence item's put.
    assertThat(sdkCalls(store, "dynamoDb")).containsExactlyInAnyOrder("getItem", "putItem", "updateItem");
    assertThat(store).doesNotContain("transactWriteItems").doesNotContain("deleteItem");
    assertThat(sdkCalls(evidence, "s3")).containsExactly("putObject");
    // the webhook's evidence item (PutItem); the reads are replay's, the export's and the daily run's
    assertThat(sdkCalls(items, "dynamoDb")).containsExactlyInAnyOrder("putItem", "getItem", "queryPaginator");
    assertThat(sdkCalls(archive, "dynamoDb")).isEmpty();
    assertThat(sdkCalls(archive, "s3")).containsExactlyInAnyOrder("putObject", "headObject", "getObjectAsBytes", "listObjectsV2");
  }

  @Test
  void environment_shouldCarryNoSecretValues_onlySecretArns() {
    Map<String, Object> all = new java.util.LinkedHashMap<>(StackTemplate.map(StackTemplate.map(template.functionGlobals().get("Environment")).get("Variables")));
    for (Resource fn : functions()) {
      all.putAll(template.functionEnvironment(fn.logicalId()));
    }
    Pattern secretish = Pattern.compile("(?i).*(SECRET|PASSWORD|TOKEN|ACCESS_KEY|PRIVATE|CREDENTIAL).*");
    all.forEach((name, value) -> {
      if (secretish.matcher(name).matches()) {
        assertThat(name).as("a secret-looking variable must carry an ARN or a TTL, never the value")
            .matches(".*(_ARN|_TTL_SECONDS)$");
        if (name.endsWith("_ARN")) {
          assertThat(value).as(name).isInstanceOf(Map.class);
        }
      }
    });
  }

  @Test
  void secrets_shouldBeSecretsManagerSecretsHoldingOnlyPlaceholders() {
    List<Resource> secrets = template.resourcesOfType("AWS::SecretsManager::Secret");
    assertThat(secrets).isNotEmpty();
    for (Resource secret : secrets) {
      String initial = String.valueOf(secret.properties().get("SecretString"));
      Matcher values = Pattern.compile("\"[A-Za-z]+\":\"([^\"]*)\"").matcher(initial);
      while (values.find()) {
        String v = values.group(1);
        assertThat(v).as(secret.logicalId() + " initial value").matches("|CHANGE_ME|https://oapi\\.dingtalk\\.com/robot/send\\?access_token=CHANGE_ME");
      }
    }
    assertThat(template.parameters().keySet()).noneMatch(p -> p.toLowerCase(Locale.ROOT).matches(".*(secret|password|key|token).*"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyRoute_butThePagoEfectivoWebhook_shouldRequireIamAuthentication() {
    List<String> open = new ArrayList<>();
    for (Resource fn : functions()) {
      Map<String, Object> events = StackTemplate.map(fn.properties().get("Events"));
      events.forEach((name, e) -> {
        Map<String, Object> event = StackTemplate.map(e);
        String type = String.valueOf(event.get("Type"));
        if (!type.equals("HttpApi") && !type.equals("Api")) {
          return;
        }
        Map<String, Object> p = StackTemplate.map(event.get("Properties"));
        String path = String.valueOf(p.get("Path"));
        String authorizer = String.valueOf(StackTemplate.map(p.get("Auth")).get("Authorizer"));
        boolean apiDefault = apiDefaultAuthorizer(p.get("ApiId")).equals("AWS_IAM");
        if (path.equals(WEBHOOK_PATH)) {
          assertThat(fn.logicalId()).as("only WebhookFunction serves the PagoEfectivo route").isEqualTo("WebhookFunction");
          assertThat(String.valueOf(p.get("Method"))).isEqualTo("POST");
        } else if (!authorizer.equals("AWS_IAM") && !apiDefault) {
          open.add(fn.logicalId() + " " + p.get("Method") + " " + path);
        }
      });
    }
    assertThat(open).as("routes reachable without authentication").isEmpty();
  }

  @Test
  void everyApi_shouldBeThrottled() {
    List<Resource> apis = Stream.concat(template.resourcesOfType("AWS::Serverless::HttpApi").stream(),
        template.resourcesOfType("AWS::Serverless::Api").stream()).toList();
    assertThat(apis).isNotEmpty();
    for (Resource api : apis) {
      Map<String, Object> settings = StackTemplate.map(api.properties().containsKey("DefaultRouteSettings")
          ? api.properties().get("DefaultRouteSettings") : api.properties().get("MethodSettings"));
      assertThat(settings).as(api.logicalId()).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
      assertThat(((Number) settings.get("ThrottlingBurstLimit")).intValue()).as(api.logicalId()).isBetween(1, 1000);
      assertThat(((Number) settings.get("ThrottlingRateLimit")).doubleValue()).as(api.logicalId()).isBetween(1.0, 1000.0);
    }
  }

  @Test
  void signatureComparison_shouldBeConstantTime() throws IOException {
    String signatures = Files.readString(source("core", "io/pagorecon/core/webhook/Signatures.java"));
    String verify = signatures.substring(signatures.indexOf("public static boolean verify("));
    verify = verify.substring(0, verify.indexOf("\n  }\n"));

    assertThat(verify).contains("MessageDigest.isEqual(");
    assertThat(verify).doesNotContain(".equals(").doesNotContain("equalsIgnoreCase(").doesNotContain("compareTo(");
  }

  @Test
  void cli_shouldTakeNoSecretAsAFlag() throws IOException {
    Path cli = template.directory().resolve("cli/src/main/java");
    List<String> options = new ArrayList<>();
    try (Stream<Path> files = Files.walk(cli)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = Pattern.compile("@Option\\(names\\s*=\\s*(\\{[^}]*\\}|\"[^\"]*\")").matcher(Files.readString(f));
        while (m.find()) {
          options.add(m.group(1));
        }
      }
    }
    assertThat(options).isNotEmpty();
    assertThat(options).noneMatch(o -> o.toLowerCase(Locale.ROOT).matches(".*(secret|password|token|access-?key|api-?key).*"));
  }

  // --- helpers ---

  private String apiDefaultAuthorizer(Object apiId) {
    if (!(apiId instanceof Map<?, ?> ref) || !(ref.get("Ref") instanceof String id)) {
      return "";
    }
    Map<String, Object> auth = StackTemplate.map(template.resource(id).orElseThrow().properties().get("Auth"));
    return String.valueOf(auth.get("DefaultAuthorizer"));
  }

  /** "action on resource" for inline statements, "Template on args" for SAM policy templates. */
  @SuppressWarnings("unchecked")
  private static Set<String> grants(Map<String, Object> fn) {
    Set<String> out = new LinkedHashSet<>();
    for (Object policy : (List<Object>) fn.getOrDefault("Policies", List.of())) {
      Map<String, Object> p = (Map<String, Object>) policy;
      if (p.containsKey("Statement")) {
        for (Object s : (List<Object>) p.get("Statement")) {
          Map<String, Object> statement = (Map<String, Object>) s;
          assertThat(statement.get("Effect")).isEqualTo("Allow");
          for (Object action : asList(statement.get("Action"))) {
            for (Object resource : asList(statement.get("Resource"))) {
              out.add(action + " on " + resource);
            }
          }
        }
      } else {
        p.forEach((name, args) -> out.add(name + " on " + args));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> allStatements() {
    List<Map<String, Object>> out = new ArrayList<>();
    collectStatements(template.resources(), out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collectStatements(Object node, List<Map<String, Object>> out) {
    if (node instanceof Map<?, ?> map) {
      Object statement = map.get("Statement");
      if (statement instanceof List<?> list) {
        list.forEach(s -> out.add((Map<String, Object>) s));
      }
      map.values().forEach(v -> collectStatements(v, out));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectStatements(v, out));
    }
  }

  private static List<Object> asList(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
  }

  private Path source(String module, String path) {
    return template.directory().resolve(module).resolve("src/main/java").resolve(path);
  }

  /** Methods called on a field or variable named {@code client} (e.g. {@code dynamoDb.getItem(}). */
  private static Set<String> sdkCalls(String source, String client) {
    Set<String> calls = new LinkedHashSet<>();
    Matcher m = Pattern.compile("\\b" + client + "\\.(\\w+)\\(").matcher(source);
    while (m.find()) {
      calls.add(m.group(1));
    }
    return calls;
  }

  private List<Resource> functions() {
    return template.resourcesOfType("AWS::Serverless::Function");
  }
}
