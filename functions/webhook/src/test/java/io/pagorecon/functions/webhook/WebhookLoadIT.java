package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.FaultProxy;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The load run of {@link WebhookLoadInMemoryIT} against moto, the real adapters wired from the template,
 * at concurrency 32: nothing lost, nothing applied twice, every evidence object present.
 *
 * <p>Sized small (200 by default, {@code -Dload.notifications=N}): moto 5.2.1 deep-copies the whole
 * table inside every TransactWriteItems, so each write costs time proportional to the table, and
 * that copy is unlocked, so DynamoDB calls go through {@link FaultProxy#serializeDynamoDb}
 * (real DynamoDB serialises conflicting transactions itself). See docs/reliability.md.
 */
@MotoStack
class WebhookLoadIT {

  static final int NOTIFICATIONS = Integer.getInteger("load.notifications", 200);
  static final int CONCURRENCY = 32;

  @Test
  void webhook_shouldLoseNothingAndApplyNothingTwice_underConcurrentLoadAgainstMoto(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", CipNotificationWebhookHandlerIT.SECRET_JSON);
    try (FaultProxy proxy = FaultProxy.start(aws.endpoint()).serializeDynamoDb(true)) {
      Map<String, String> env = new HashMap<>(aws.functionEnvironment("WebhookFunction"));
      env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      WebhookWiring wiring = WebhookWiring.fromEnvironment(env, Clock.systemUTC());
      CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(wiring.ingest(), wiring.config().stage(), Clock.systemUTC(),
          new PrintStream(logs, true, StandardCharsets.UTF_8), () -> {});

      LoadDriver.Result result = LoadDriver.run(LoadDriver.plan(NOTIFICATIONS, 8L), CONCURRENCY, event -> handler.handleRequest(event, null));
      LoadDriver.write("load-moto.txt", result.report("moto", CONCURRENCY));

      result.assertAnsweredOncePerFact();
      Map<String, Map<String, AttributeValue>> items = new HashMap<>();
      aws.clients().dynamoDb().scanPaginator(s -> s.tableName(aws.ref("PaymentsTable")).consistentRead(true)).items()
          .forEach(i -> items.put(i.get("pk").s() + "|" + i.get("sk").s(), i));
      for (String cip : result.cips()) {
        Map<String, AttributeValue> state = items.get("CIP#" + cip + "|STATE");
        assertThat(state).as("state of " + cip).isNotNull();
        assertThat(state.get("state").s()).as(cip).isEqualTo("PAID");
        assertThat(Long.parseLong(state.get("version").n())).as(cip + ": state writes").isEqualTo(result.accepted(cip));
      }
      Set<String> evidenceKeys = new HashSet<>();
      for (String fact : result.deliveriesPerFact().keySet()) {
        String[] parts = fact.split("\\|");
        Map<String, AttributeValue> event = items.get("CIP#" + parts[0] + "|EVENT#" + parts[1]);
        assertThat(event).as("notification " + fact).isNotNull();
        evidenceKeys.add(event.get("evidenceKey").s());
      }
      Set<String> rawKeys = new HashSet<>();
      for (S3Object o : aws.clients().s3().listObjectsV2Paginator(l -> l.bucket(aws.ref("DataBucket")).prefix("raw/")).contents()) {
        rawKeys.add(o.key());
      }
      assertThat(rawKeys).as("every evidence object, no orphan").isEqualTo(evidenceKeys);
      assertThat(items.keySet().stream().filter(k -> k.endsWith("|STATE")).count()).isEqualTo(result.cips().size());
      assertThat(items.keySet().stream().filter(k -> k.contains("|EVENT#")).count()).isEqualTo(result.deliveriesPerFact().size());
      assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(LoadDriver.SECRET).doesNotContain("@example.pe");
    }
  }
}
