package io.pagorecon.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.ExampleSecrets;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.lambda.LambdaRuntimeProcess;
import io.pagorecon.devstack.lambda.RuntimeApiStandIn;
import io.pagorecon.simulator.PagoEfectivoSimulator;
import io.pagorecon.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * PaymentsApiFunction's shaded jar (trimmed: docs/performance.md §9 "Jar sizes, round two") run as
 * Lambda runs it, under the runtime interface client, against moto and the PagoEfectivo simulator:
 * the HTTP API event read by the runtime's own deserializer, then every SDK call the function makes
 * through the jar's classes (Secrets Manager; DynamoDB get, query, conditional put and update, batch
 * get of ledger entries; S3 put of the call journal; EventBridge PutEvents; SNS Publish of a live
 * alert), so a class the shade filters cut that the function needs fails here, not in production.
 */
@MotoStack
class PaymentsFunctionRuntimeIT {

  static final LambdaRuntimeProcess.Function FUNCTION = new LambdaRuntimeProcess.Function("payments",
      "io.pagorecon.functions.payments.ShopPaymentsApiHandler::handleRequest", Path.of("target", "payments-lambda.jar"), 1024);

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runtime_shouldCreateReuseReadAndCancel_andHoldACancelThatRacedAPayment(AwsTestEnvironment aws, @TempDir Path task)
      throws Exception {
    aws.putSecret("PagoEfectivoSecret", ExampleSecrets.pagoEfectivoSecretJson());
    String alerts = aws.createQueue("payments-rt-alerts");
    aws.clients().sns().subscribe(s -> s.topicArn(aws.ref("AlertsTopic")).protocol("sqs").endpoint(aws.queueArn(alerts)));
    String events = aws.createQueue("payments-rt-events");
    String bus = aws.ref("ShopEventBus");
    aws.clients().eventBridge().putRule(r -> r.name("payments-rt").eventBusName(bus).eventPattern("{\"source\":[\"pagorecon\"]}"));
    aws.clients().eventBridge().putTargets(t -> t.rule("payments-rt").eventBusName(bus).targets(x -> x.id("queue").arn(aws.queueArn(events))));
    Path log = Path.of("target", "ric-payments.log");

    try (PagoEfectivoSimulator sim = PagoEfectivoSimulator.start(SimulatorConfig.builder()
            .credentials(ExampleSecrets.ACCESS_KEY, ExampleSecrets.SECRET_KEY, ExampleSecrets.ID_SERVICE).build());
        RuntimeApiStandIn api = new RuntimeApiStandIn();
        LambdaRuntimeProcess lambda = LambdaRuntimeProcess.start(FUNCTION, task, environment(aws, sim), api.address(), log)) {
      JsonNode created = JSON.readTree(lambda.await(api.invoke("inv-1", event("POST", "ORD-RT-1")), api));
      JsonNode reused = JSON.readTree(lambda.await(api.invoke("inv-2", event("POST", "ORD-RT-1")), api));
      JsonNode status = JSON.readTree(lambda.await(api.invoke("inv-3", event("GET", "ORD-RT-1")), api));
      JsonNode cancelled = JSON.readTree(lambda.await(api.invoke("inv-4", event("DELETE", "ORD-RT-1")), api));
      String raceCip = body(JSON.readTree(lambda.await(api.invoke("inv-5", event("POST", "ORD-RT-2")), api))).path("cip").asText();
      sim.pay(Long.parseLong(raceCip));
      JsonNode race = JSON.readTree(lambda.await(api.invoke("inv-6", event("DELETE", "ORD-RT-2")), api));

      assertThat(created.path("statusCode").asInt()).as(created.toString()).isEqualTo(201);
      String cip = body(created).path("cip").asText();
      assertThat(reused.path("statusCode").asInt()).isEqualTo(200);
      assertThat(body(reused).path("outcome").asText()).isEqualTo("REUSED");
      assertThat(body(reused).path("cip").asText()).isEqualTo(cip);
      assertThat(body(status).path("status").asText()).isEqualTo("pending");
      assertThat(body(status).at("/cips/0/cip").asText()).isEqualTo(cip);
      assertThat(cancelled.path("statusCode").asInt()).as(cancelled.toString()).isEqualTo(200);
      assertThat(body(cancelled).path("deleted").get(0).asText()).isEqualTo(cip);
      assertThat(sim.cip(Long.parseLong(cip)).orElseThrow().status()).isEqualTo(25);
      assertThat(race.path("statusCode").asInt()).as(race.toString()).isEqualTo(409);
      assertThat(body(race).path("reasons").get(0).asText()).isEqualTo("PAID_NOT_RECORDED");
    }

    Map<String, AttributeValue> order = aws.clients().dynamoDb().getItem(g -> g.tableName(aws.ref("PaymentsTable")).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("ORDER#ORD-RT-1"), "sk", AttributeValue.fromS("ORDER")))).item();
    assertThat(order).as("the order item").isNotEmpty();
    assertThat(json(aws.drain(alerts))).anySatisfy(m -> assertThat(m.path("Subject").asText()).contains("ORD-RT-2").contains("PAID_NOT_RECORDED"));
    assertThat(json(aws.drain(events))).extracting(m -> m.path("detail-type").asText()).contains("order.cancelled", "payment.held");
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket")).prefix("journal/")).contents()).isNotEmpty();
  }

  /** The function's template environment, PagoEfectivo pointed at the simulator. */
  private static Map<String, String> environment(AwsTestEnvironment aws, PagoEfectivoSimulator sim) {
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("PaymentsApiFunction"));
    env.put("PAGOEFECTIVO_BASE_URL", sim.baseUrl());
    env.put("PAGOEFECTIVO_RATE_PER_SECOND", "0");
    env.put("PAGOEFECTIVO_RETRY_BASE_MS", "1");
    return env;
  }

  /** The sample HTTP API event of events/ for a method on an order. */
  private static String event(String method, String orderId) throws Exception {
    String file = switch (method) {
      case "POST" -> "apigw-payments-create.json";
      case "GET" -> "apigw-payments-get.json";
      default -> "apigw-payments-cancel.json";
    };
    String text = Files.readString(Path.of("..", "..", "events", file), StandardCharsets.UTF_8).replace("ORD-1001", orderId);
    ObjectNode event = (ObjectNode) JSON.readTree(text);
    ((ObjectNode) event.path("requestContext")).put("requestId", "req-" + method + "-" + orderId);
    return event.toString();
  }

  private static JsonNode body(JsonNode response) throws Exception {
    return JSON.readTree(response.path("body").asText());
  }

  private static List<JsonNode> json(List<String> bodies) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String b : bodies) {
      out.add(JSON.readTree(b));
    }
    return out;
  }
}
