package io.pagorecon.functions.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbCipRegistry;
import io.pagorecon.aws.DynamoDbOrderStore;
import io.pagorecon.aws.DynamoDbPaymentStore;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.CreatePayment;
import io.pagorecon.core.order.CreatePaymentResult;
import io.pagorecon.core.order.OrderPayments;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.ExampleSecrets;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import io.pagorecon.pagoefectivo.PagoEfectivoSettings;
import io.pagorecon.pagoefectivo.RotatingPagoEfectivoClient;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SyncFunction's shaded jar (trimmed: docs/performance.md §9 "Jar sizes, round two") run as Lambda
 * runs it, under the runtime interface client, against moto and the PagoEfectivo simulator: two
 * orders issued 25 hours ago, one paid at the gateway without its webhook (the sweep recovers it:
 * cips/search, conditional DynamoDB writes, the SNS payment notice), one never paid (the auto-cancel
 * cancels it at the gateway and publishes order.expired on EventBridge); then the hourly evidence
 * export (DynamoDB query, S3 list and put), the call journal (S3 put) and the run note. Every SDK
 * call goes through the jar's classes, so a class the shade filters cut that the function needs
 * fails here, not in production.
 */
@MotoStack
class SyncFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("sync",
      "io.pagorecon.functions.sync.ScheduledSyncHandler::handleRequest", Path.of("target", "sync-lambda.jar"), 1024);

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldRecoverAMissedPayment_expireAnOpenOrder_andExportTheEvidenceHours(AwsTestEnvironment aws, @TempDir Path task)
      throws Exception {
    aws.putSecret("PagoEfectivoSecret", ExampleSecrets.pagoEfectivoSecretJson());
    String alerts = aws.createQueue("sync-rt-alerts");
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(aws.queueArn(alerts)));
    String events = aws.createQueue("sync-rt-events");
    String bus = aws.ref("ShopEventBus");
    aws.clients().eventBridge().putRule(r -> r.name("sync-rt").eventBusName(bus).eventPattern("{\"source\":[\"pagorecon\"]}"));
    aws.clients().eventBridge().putTargets(t -> t.rule("sync-rt").eventBusName(bus).targets(x -> x.id("queue").arn(aws.queueArn(events))));
    Path log = Path.of("target", "ric-sync.log");
    long paid;

    try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
        .credentials(ExampleSecrets.ACCESS_KEY, ExampleSecrets.SECRET_KEY, ExampleSecrets.ID_SERVICE).build())) {
      Map<String, String> env = environment(aws, sim);
      Instant issued = Instant.now().minus(Duration.ofHours(25));
      OrderPayments shop = shop(aws, env);
      paid = created(shop.create(order("ORD-SYNC-PAID"), issued));
      long open = created(shop.create(order("ORD-SYNC-OPEN"), issued));
      sim.pay(paid);

      JsonNode answer;
      try (RuntimeApiStandIn api = new RuntimeApiStandIn();
          LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, env, api.address(), log)) {
        answer = JSON.readTree(lambda.await(api.invoke("inv-1", "{\"trigger\":\"schedule\"}"), api));
      }

      assertThat(answer.path("checked").asInt()).as(answer.toString()).isEqualTo(2);
      assertThat(answer.path("recovered").asInt()).isEqualTo(1);
      assertThat(answer.path("failed").asInt()).isZero();
      assertThat(answer.path("expiredOrders").asInt()).isEqualTo(1);
      assertThat(answer.path("evidenceExported").asInt()).isZero();
      assertThat(sim.cip(open).orElseThrow().status()).as("cancelled at the gateway").isEqualTo(25);
    }

    assertThat(json(aws.drain(alerts))).extracting(m -> m.path("Subject").asText()).anySatisfy(s -> assertThat(s).contains("CIP " + paid + " recovered"));
    assertThat(json(aws.drain(events))).extracting(m -> m.path("detail-type").asText()).contains("order.expired");
    String bucket = aws.ref("DataBucket");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(bucket).prefix("journal/")).contents()).isNotEmpty();
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(bucket).prefix("evidence/")).contents()).as("the hours exported").isNotEmpty();
  }

  /** The function's template environment, PagoEfectivo pointed at the simulator. */
  private static Map<String, String> environment(AwsTestEnvironment aws, PagoEfectivoSimulator sim) {
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("SyncFunction"));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put("PAGOEFECTIVO_RATE_PER_SECOND", "0");
    env.put("PAGOEFECTIVO_RETRY_BASE_MS", "1");
    return env;
  }

  /** The shop's side, in this JVM: orders issued through the real use case, adapters and client. */
  private static OrderPayments shop(AwsTestEnvironment aws, Map<String, String> env) {
    DynamoDbClient db = aws.clients().dynamoDb();
    String table = aws.ref("PaymentsTable");
    DynamoDbPaymentStore store = new DynamoDbPaymentStore(db, table);
    RotatingPagoEfectivoClient gateway = new RotatingPagoEfectivoClient(PagoEfectivoSettings.fromEnvironment(env, false),
        () -> new PagoEfectivoCredentials(ExampleSecrets.ACCESS_KEY, ExampleSecrets.SECRET_KEY, ExampleSecrets.ID_SERVICE), Clock.systemUTC());
    return new OrderPayments(new DynamoDbOrderStore(db, table), store, new DynamoDbCipRegistry(db, table),
        new PaymentRecorder(store, Duration.ofMinutes(10)), gateway, gateway, e -> { }, BusinessCalendar.lima(), OrderPayments.Settings.standard());
  }

  private static CreatePayment order(String orderId) {
    return new CreatePayment(orderId, new Money(new BigDecimal("160.35"), Currency.PEN), "shopper@example.com", Optional.empty(),
        Optional.empty());
  }

  private static long created(CreatePaymentResult result) {
    assertThat(result).isInstanceOf(CreatePaymentResult.Created.class);
    return Long.parseLong(((CreatePaymentResult.Created) result).cip());
  }

  private static List<JsonNode> json(List<String> bodies) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String b : bodies) {
      out.add(JSON.readTree(b));
    }
    return out;
  }
}
