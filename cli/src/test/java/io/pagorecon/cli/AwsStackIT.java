package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.cli.demo.Demo;
import io.pagorecon.cli.internal.CloudFormationStack;
import io.pagorecon.cli.internal.ResolvedStack;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * {@code --aws --stack-name NAME} against moto's CloudFormation API: a plain CloudFormation stack
 * (moto ignores the SAM transform) made of template.yaml's own tables, bucket, topics, queues and
 * secrets under their logical ids, with the template's parameters and outputs (outputs of API and
 * function resources, which moto cannot create here, become fixed values). Every name the
 * commands use comes from that stack through CloudFormation, never from a variable.
 */
@MotoStack
class AwsStackIT {

  static final String STACK = "pagorecon-sandbox";
  // what moto's CloudFormation creates (it has no AWS::SecretsManager::Secret: the secret is created beside the stack, its output fixed)
  static final Set<String> KEPT_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SQS::Queue");
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer receiver;
  private final AtomicReference<byte[]> received = new AtomicReference<>();
  private PagoEfectivoSimulator simulator;
  private CloudFormationClient cfn;

  @BeforeEach
  void start() throws Exception {
    receiver = LoopbackHttpServer.create(0, 0);
    receiver.createContext("/", x -> {
      received.set(x.getRequestBody().readAllBytes());
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    receiver.start();
    simulator = PagoEfectivoSimulator.start(SimulatorConfig.builder().credentials(Demo.ACCESS_KEY, Demo.SECRET_KEY, Demo.ID_SERVICE).build());
    // commands reach moto with the default credentials chain: dummy keys, never a real account's
    System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    simulator.close();
    if (cfn != null) {
      cfn.close();
    }
  }

  /** The plain CloudFormation stack of template.yaml's resources moto can create, deployed as {@link #STACK}. */
  @SuppressWarnings("unchecked")
  private Map<String, String> deploy(AwsTestEnvironment aws) throws Exception {
    StackTemplate template = StackTemplate.locate();
    Map<String, Object> resources = new LinkedHashMap<>();
    for (var e : template.resources().entrySet()) {
      Map<String, Object> r = (Map<String, Object>) e.getValue();
      if (KEPT_TYPES.contains(String.valueOf(r.get("Type")))) {
        resources.put(e.getKey(), r);
      }
    }
    String webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/pagoefectivo";
    // after deploy, the README has the real credentials put into the PagoEfectivoSecretArn output's secret: here the example ones
    String secretArn = aws.clients().secretsManager().createSecret(b -> b.name(STACK + "-PagoEfectivoSecret-MOTO")
        .secretString(Demo.exampleSecrets().get("PagoEfectivoSecret"))).arn();
    Map<String, String> fixed = Map.of("WebhookUrl", webhookUrl, "PagoEfectivoSecretArn", secretArn);
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (var e : template.outputs().entrySet()) {
      Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) e.getValue());
      String value = JSON.writeValueAsString(o.get("Value"));
      boolean createdHere = resources.keySet().stream().anyMatch(id -> value.contains("\"" + id + "\"") || value.contains("${" + id));
      boolean other = template.resources().keySet().stream().filter(id -> !resources.containsKey(id))
          .anyMatch(id -> value.contains("\"" + id + "\"") || value.contains("${" + id));
      if (other || !createdHere) {
        o.put("Value", fixed.getOrDefault(e.getKey(), "not-created-in-moto:" + e.getKey()));
      }
      outputs.put(e.getKey(), o);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AWSTemplateFormatVersion", "2010-09-09");
    body.put("Parameters", template.parameters());
    body.put("Conditions", template.conditions());
    body.put("Resources", resources);
    body.put("Outputs", outputs);

    cfn = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(LocalClients.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalClients.ACCESS_KEY, LocalClients.SECRET_KEY)))
        .endpointOverride(aws.endpoint()).build();
    cfn.createStack(b -> b.stackName(STACK).templateBody(writeJson(body)).parameters(
        Parameter.builder().parameterKey("Stage").parameterValue("sandbox").build(),
        Parameter.builder().parameterKey("PagoEfectivoBaseUrl").parameterValue(simulator.baseUrl()).build()));
    assertThat(cfn.describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");

    Map<String, String> physical = new HashMap<>();
    cfn.listStackResourcesPaginator(b -> b.stackName(STACK)).stackResourceSummaries()
        .forEach(r -> physical.put(r.logicalResourceId(), r.physicalResourceId()));
    physical.put("PagoEfectivoSecret", secretArn);
    return physical;
  }

  private static String writeJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** What a shell pointed at moto has: an endpoint, a region, path-style S3 (credentials are system properties above). */
  private static Map<String, String> env(AwsTestEnvironment aws) {
    return Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_REGION", LocalClients.REGION, "S3_FORCE_PATH_STYLE", "true",
        "HOME", Cli.TEST_HOME.toString());
  }

  @Test
  void resolve_shouldReadEveryNameFromTheStacksResourcesParametersAndOutputs(AwsTestEnvironment aws) throws Exception {
    Map<String, String> physical = deploy(aws);

    ResolvedStack s = CloudFormationStack.resolve(STACK, Optional.empty(), env(aws), StackTemplate.locate());

    assertThat(s.ref("LedgerTable")).isEqualTo(physical.get("LedgerTable"));
    assertThat(aws.clients().dynamoDb().describeTable(b -> b.tableName(s.ref("LedgerTable"))).table().tableName()).isEqualTo(s.ref("LedgerTable"));
    Map<String, String> statement = s.functionEnvironment("StatementFunction");
    assertThat(statement)
        .containsEntry("PAYMENTS_TABLE", physical.get("PaymentsTable"))
        .containsEntry("DATA_BUCKET", physical.get("DataBucket"))
        .containsEntry("ALERTS_TOPIC_ARN", physical.get("AlertsTopic"))
        .containsEntry("PAGOEFECTIVO_SECRET_ARN", physical.get("PagoEfectivoSecret"))
        .containsEntry("PAGOEFECTIVO_BASE_URL", simulator.baseUrl())
        .containsEntry("STAGE", "sandbox")
        .containsEntry("AWS_REGION", LocalClients.REGION)
        .containsEntry("AWS_ENDPOINT_URL", aws.endpoint().toString());
    assertThat(statement.get("ALERTS_TOPIC_ARN")).startsWith("arn:aws:sns:us-east-1:");
    assertThat(s.functionEnvironment("ReconcileFunction")).containsEntry("LEDGER_TABLE", physical.get("LedgerTable"));
    assertThat(s.webhookUrl()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(receiver.getAddress().getPort()));
  }

  @Test
  void documentedAwsExamples_shouldRunAsWritten_withNamesFromCloudFormationOnly(AwsTestEnvironment aws) throws Exception {
    Map<String, String> physical = deploy(aws);
    // a notification archived at the replay example's key, and a ledger entry for the ledger examples
    List<String> replay = HelpExamples.words(HelpExamples.of("replay").stream().filter(e -> e.contains("--aws")).findFirst().orElseThrow());
    String key = replay.get(replay.indexOf("--key") + 1);
    byte[] body = ServeCommandIT.BODY.getBytes(StandardCharsets.UTF_8);
    aws.clients().s3().putObject(p -> p.bucket(physical.get("DataBucket")).key(key)
        .metadata(Map.of("pe-signature", Signatures.hmacSha256Hex("SECRETKEYEXAMPLE", body), "content-type", "application/json")),
        RequestBody.fromBytes(body));
    Optional<Money> m = Optional.of(Money.of("160.35", Currency.PEN));
    new DiscrepancyLedger(new DynamoDbLedger(aws.clients().dynamoDb(), physical.get("LedgerTable"))).apply(LocalDate.of(2024, 1, 15),
        List.of(new Discrepancy(Category.PAID_NOT_RECORDED, Optional.of(LocalDate.of(2024, 1, 15)), "A-1001", "11546901", m, m,
            Optional.of(Currency.PEN), Optional.empty(), Optional.empty(), "", Optional.empty())), Instant.parse("2024-01-16T06:00:00Z"));

    // and the CIP's paid notification, for the evidence example
    new io.pagorecon.core.payment.PaymentRecorder(new io.pagorecon.aws.DynamoDbPaymentStore(aws.clients().dynamoDb(), physical.get("PaymentsTable")),
        java.time.Duration.ofMinutes(10)).record(new io.pagorecon.core.payment.PaymentFact("11546901", io.pagorecon.core.payment.PaymentEvent.PAID,
        "cip.paid", io.pagorecon.core.payment.Source.WEBHOOK, Instant.parse("2024-01-15T15:35:20Z"), LocalDate.of(2024, 1, 15), m, Optional.of("A-1001"),
        Optional.of(java.time.OffsetDateTime.parse("2024-01-15T10:35:12-05:00")), Optional.empty(), Optional.of("1253"), Optional.empty(), Optional.empty()));

    List<String> examples = new ArrayList<>();
    for (String command : List.of("replay", "ledger", "ledger list", "ledger show", "ledger ack", "ledger resolve", "backfill", "evidence")) {
      HelpExamples.of(command).stream().filter(e -> e.contains("--aws")).forEach(examples::add);
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    // then the README's --aws lines (Operations: work the ledger, rebuild statements), in their order
    List<String> readme = DocumentedExamplesTest.readmeExamples().filter(e -> e.contains("--aws")).toList();
    assertThat(readme).hasSizeGreaterThanOrEqualTo(5);
    examples.addAll(readme);
    for (String example : examples) {
      // real time, as from a terminal: PagoEfectivo (here the simulator) refuses a far-off clock
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CliContext context = new CliContext(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true), env(aws));

      int code = Pagorecon.execute(context, HelpExamples.words(example).toArray(String[]::new));

      assertThat(code).as(example + "\n" + out + err).isZero();
      if (example.startsWith("backfill")) {
        assertThat(out.toString()).contains("31 published, 0 failed");
      }
    }
    assertThat(received.get()).as("replay delivered to the stack's WebhookUrl output").isEqualTo(body);
  }

  @Test
  void unknownStack_shouldBeBadInputNamingTheStackAndTheRegion(AwsTestEnvironment aws) throws Exception {
    deploy(aws);
    Cli cli = new Cli(env(aws));

    int code = cli.run("ledger", "list", "--aws", "--stack-name", "pagorecon-nope");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err().strip()).startsWith("pagorecon ledger list: --stack-name pagorecon-nope: no such stack in us-east-1 — ");
    UserErrors.assertShape(cli.err());
  }
}
