package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.FaultProxy;
import io.pagorecon.devstack.FaultProxy.Fault;
import io.pagorecon.devstack.FaultProxy.Match;
import io.pagorecon.devstack.MotoStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS endpoint fails mid-request while a notification is handled (a fault-injecting proxy in
 * front of moto): PagoEfectivo gets a 5xx, and its redelivery completes the payment exactly once,
 * with its evidence object and no orphan.
 */
@MotoStack
class WebhookAwsFaultsIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CIP = "11546901";
  /** More than the SDK's own retries, so the fault reaches the handler. */
  static final int PERSISTENT = 20;

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(Match.dynamoDb("PutItem"), Fault.HTTP_500, PERSISTENT, true),
        Arguments.of(Match.dynamoDb("PutItem"), Fault.THROTTLE, PERSISTENT, true),
        Arguments.of(Match.dynamoDb("PutItem"), Fault.THROUGHPUT_EXCEEDED, PERSISTENT, true),
        Arguments.of(Match.dynamoDb("PutItem"), Fault.DROP_BEFORE, PERSISTENT, true),
        // Applied by moto, answer lost, every SDK retry too: the handler cannot know it was booked.
        Arguments.of(Match.dynamoDb("PutItem"), Fault.DROP_AFTER, PERSISTENT, true),
        // Applied, answer lost once: the SDK's retry finds it booked.
        Arguments.of(Match.dynamoDb("PutItem"), Fault.DROP_AFTER, 1, false),
        Arguments.of(Match.dynamoDb("GetItem"), Fault.HTTP_500, PERSISTENT, true),
        Arguments.of(Match.secretsManager("GetSecretValue"), Fault.HTTP_500, PERSISTENT, true));
  }

  @ParameterizedTest(name = "{0} {1} x{2}")
  @MethodSource("faults")
  void handle_shouldAnswer5xxThenBookOnceOnRedelivery_whenAwsFailsMidRequest(Match match, Fault fault, int times, boolean reachesHandler,
      AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", CipNotificationWebhookHandlerIT.SECRET_JSON);
    try (FaultProxy proxy = FaultProxy.start(aws.endpoint())) {
      Map<String, String> env = new java.util.HashMap<>(aws.functionEnvironment("WebhookFunction"));
      env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
      CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(env);
      APIGatewayV2HTTPEvent event = Events.load("apigw-cip-paid.json");
      proxy.failNext(match, fault, times);

      APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
      proxy.clearFaults();
      APIGatewayV2HTTPResponse redelivery = handler.handleRequest(event, null);

      assertThat(proxy.injected(match, fault)).as("the fault fired").isGreaterThanOrEqualTo(1);
      if (reachesHandler) {
        assertThat(first.getStatusCode()).isEqualTo(503);
        assertThat(JSON.readTree(first.getBody()).get("code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(first.getBody()).doesNotContain("injected");
      } else {
        assertThat(first.getStatusCode()).isEqualTo(200);
      }
      assertThat(redelivery.getStatusCode()).isEqualTo(200);
      assertThat(JSON.readTree(redelivery.getBody()).get("code").asText()).isIn("ACCEPTED", "DUPLICATE");
      assertBookedExactlyOnce(aws, event.getBody().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * One state item (PAID, written once, its one fact), one day item, the evidence item(s) of the
   * notification (one per receipt hour: a redelivery in the same hour lands on the same record), each
   * with the exact bytes; the fact's evidence key is one of them. Nothing in the bucket yet.
   */
  static void assertBookedExactlyOnce(AwsTestEnvironment aws, byte[] body) {
    List<Map<String, AttributeValue>> items = aws.clients().dynamoDb().scan(s -> s.tableName(aws.ref("PaymentsTable")).consistentRead(true)).items();
    Map<String, Map<String, AttributeValue>> byKey = items.stream()
        .collect(Collectors.toMap(i -> i.get("pk").s() + "|" + i.get("sk").s(), i -> i));
    List<String> evidence = byKey.keySet().stream().filter(k -> k.startsWith("EVIDENCE#")).toList();
    assertThat(byKey.keySet()).filteredOn(k -> !k.startsWith("EVIDENCE#"))
        .containsExactlyInAnyOrder("CIP#" + CIP + "|STATE", "DAY#2024-01-15|CIP#" + CIP);
    assertThat(evidence).isNotEmpty().allSatisfy(k -> assertThat(byKey.get(k).get("body").b().asByteArray()).isEqualTo(body));
    Map<String, AttributeValue> state = byKey.get("CIP#" + CIP + "|STATE");
    assertThat(state.get("state").s()).isEqualTo("PAID");
    assertThat(state.get("version").n()).as("state written once").isEqualTo("1");
    assertThat(state.get("facts").m()).containsOnlyKeys("cip.paid");
    String evidenceKey = state.get("facts").m().get("cip.paid").m().get("evidenceKey").s();
    EvidenceArchive archive = new EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(), aws.ref("DataBucket"));
    assertThat(archive.read(evidenceKey).orElseThrow().body()).isEqualTo(body);
    assertThat(aws.clients().s3().listObjectsV2(l -> l.bucket(aws.ref("DataBucket"))).contents()).extracting(S3Object::key)
        .as("no object per notification").isEmpty();
  }
}
