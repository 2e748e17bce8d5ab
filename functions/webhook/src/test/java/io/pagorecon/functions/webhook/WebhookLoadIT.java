package io.pagorecon.functions.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.FaultProxy;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load run of {@link WebhookLoadInMemoryIT} against moto, the real adapters wired from the
 * template, at concurrency 32 with 10% duplicates, shuffled: nothing lost, nothing applied twice,
 * every evidence byte present (in its item and, after the hourly export, in its batch).
 *
 * <p>Sized for CI (1,000 by default); the full run is {@code -Dload.notifications=20000}
 * (docs/performance.md, "Load against moto"). Each fact is one conditional write of the state
 * item, so moto's cost per write no longer grows with the table. DynamoDB calls still go through
 * {@link FaultProxy#serializeDynamoDb}: moto evaluates a condition and writes the item without a
 * lock, where DynamoDB serialises writes to one item itself (docs/reliability.md).
 */
@MotoStack
class WebhookLoadIT {

  static final int NOTIFICATIONS = Integer.getInteger("load.notifications", 1_000);
  static final int CONCURRENCY = 32;

  @Test
  void webhook_shouldLoseNothingAndApplyNothingTwice_underConcurrentLoadAgainstMoto(AwsTestEnvironment aws) throws Exception {
    aws.putSecret("PagoEfectivoSecret", CipNotificationWebhookHandlerIT.SECRET_JSON);
    try (FaultProxy proxy = FaultProxy.start(aws.endpoint()).serializeDynamoDb(true)) {
      Map<String, String> env = new HashMap<>(aws.functionEnvironment("WebhookFunction"));
      env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
      // every CIP of the plan names an order the shop never created: without this, each is also an
      // alert (ledger entry, SNS); the ingest path is what is measured (docs/payment-decision.md)
      env.put("LIVE_ORPHAN_ALERTS", "false");
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      WebhookWiring wiring = WebhookWiring.fromEnvironment(env, Clock.systemUTC());
      CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(wiring.ingest(), wiring.config().stage(), Clock.systemUTC(),
          new PrintStream(logs, true, StandardCharsets.UTF_8), () -> {});

      LoadDriver.Result result = LoadDriver.run(LoadDriver.plan(NOTIFICATIONS, 8L), CONCURRENCY, event -> handler.handleRequest(event, null));
      LoadDriver.write("load-moto.txt", result.report("moto, single write", CONCURRENCY));

      result.assertAnsweredOncePerFact();
      // read back by key, never a Scan: moto's Scan of a 20,000-notification table outlasts the SDK's timeouts
      Map<String, Map<String, AttributeValue>> items = new HashMap<>();
      String table = aws.ref("PaymentsTable");
      java.util.List<String> cips = new java.util.ArrayList<>(result.cips());
      for (int from = 0; from < cips.size(); from += 100) {
        java.util.List<Map<String, AttributeValue>> keys = cips.subList(from, Math.min(from + 100, cips.size())).stream()
            .map(c -> Map.of("pk", AttributeValue.fromS("CIP#" + c), "sk", AttributeValue.fromS("STATE"))).toList();
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request =
            Map.of(table, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
          Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> ask = request;
          var answer = aws.clients().dynamoDb().batchGetItem(b -> b.requestItems(ask));
          answer.responses().getOrDefault(table, java.util.List.of()).forEach(i -> items.put(i.get("pk").s() + "|" + i.get("sk").s(), i));
          request = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
        }
      }
      Map<String, String> bodies = result.bodyPerFact();
      EvidenceArchive archive = new EvidenceArchive(aws.clients().dynamoDb(), aws.ref("PaymentsTable"), aws.clients().s3(), aws.ref("DataBucket"));
      Map<String, String> evidenceKeys = new HashMap<>();
      for (String cip : result.cips()) {
        Map<String, AttributeValue> state = items.get("CIP#" + cip + "|STATE");
        assertThat(state).as("state of " + cip).isNotNull();
        assertThat(state.get("state").s()).as(cip).isEqualTo("PAID");
        Map<String, AttributeValue> facts = state.get("facts").m();
        Set<String> planned = new TreeSet<>();
        bodies.keySet().stream().filter(f -> f.startsWith(cip + "|")).forEach(f -> planned.add(f.substring(cip.length() + 1)));
        assertThat(facts.keySet()).as(cip + ": every fact recorded, once").isEqualTo(planned);
        assertThat(facts.values().stream().filter(f -> f.m().get("applied").bool()).count()).as(cip + ": applied").isEqualTo(result.accepted(cip));
        assertThat(Long.parseLong(state.get("version").n())).as(cip + ": one write per fact").isEqualTo(planned.size());
        facts.forEach((eventType, f) -> evidenceKeys.put(cip + "|" + eventType, f.m().get("evidenceKey").s()));
      }
      // every fact's evidence, byte for byte, and no evidence of anything that was not delivered
      evidenceKeys.forEach((fact, key) -> assertThat(new String(archive.read(key).orElseThrow().body(), StandardCharsets.UTF_8))
          .as("evidence of " + fact).isEqualTo(bodies.get(fact)));
      // every evidence item (of every hour a fact's evidence names) is a delivered body
      Set<String> batches = new TreeSet<>();
      evidenceKeys.values().forEach(k -> batches.add(EvidenceItems.batchOf(k)));
      int[] evidenceItems = {0};
      for (String batch : batches) {
        archive.items().forEach(batch, (id, ev) -> {
          evidenceItems[0]++;
          String fact = id.substring(0, id.indexOf('/')) + "|" + id.substring(id.indexOf('/') + 1, id.lastIndexOf('-'));
          assertThat(new String(ev.body(), StandardCharsets.UTF_8)).as(id).isEqualTo(bodies.get(fact));
        });
      }
      assertThat(items.keySet().stream().filter(k -> k.endsWith("|STATE")).count()).isEqualTo(result.cips().size());
      // a day item per CIP and business date (cip.paid: 2024-01-15, the payment's; cip.expired: today's), once each
      Set<String> days = new TreeSet<>();
      items.values().forEach(i -> i.get("days").ss().forEach(d -> days.add("DAY#" + d + "|" + i.get("pk").s())));
      Set<String> dayItems = new TreeSet<>();
      days.stream().map(d -> d.substring(0, d.indexOf('|'))).distinct().forEach(pk -> aws.clients().dynamoDb()
          .queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
          .items().forEach(i -> dayItems.add(pk + "|" + i.get("sk").s())));
      assertThat(dayItems).isEqualTo(days);
      assertThat(days.stream().filter(d -> d.startsWith("DAY#2024-01-15|")).count()).isEqualTo(result.cips().size());
      // the hourly export: every evidence item in its hour's batch
      int exported = 0;
      for (String batch : batches) {
        EvidenceArchive.Exported e = archive.export(batch);
        assertThat(e.written()).isTrue();
        exported += e.records();
        Map<String, EvidenceItems.Evidence> records = new HashMap<>();
        archive.readBatch(batch, records::put);
        archive.items().forEach(batch, (id, ev) -> assertThat(records.get(id).body()).as(id).isEqualTo(ev.body()));
      }
      assertThat(exported).isEqualTo(evidenceItems[0]);
      assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(LoadDriver.SECRET).doesNotContain("@example.pe");
    }
  }
}
