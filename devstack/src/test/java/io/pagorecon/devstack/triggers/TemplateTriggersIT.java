package io.pagorecon.devstack.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.StackTemplate;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The template's triggers, realised in moto, start the right function with the right event.
 * Handlers here record what they get: the dispatcher's part is to deliver exactly that.
 */
@MotoStack
class TemplateTriggersIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void manifest_shouldStartReconcileThroughTheTemplatesRule_onlyForThisStagesManifests(AwsTestEnvironment aws) throws Exception {
    TemplateTriggers triggers = TemplateTriggers.realise(aws.stack(), aws.clients());
    LocalDispatcher dispatcher = new LocalDispatcher(triggers, recordingHandlers(triggers));
    String bucket = aws.ref("DataBucket");
    String stage = aws.stack().stage();
    String otherStage = stage.equals("production") ? "sandbox" : "production";
    String manifest = "statements/" + stage + "/2024/01/15/manifest.json";

    put(aws, bucket, "statements/" + otherStage + "/2024/01/15/manifest.json");
    put(aws, bucket, "statements/" + stage + "/2024/01/15/statement.csv");
    put(aws, bucket, "orders/" + stage + "/2024/01/15/manifest.json");
    List<LocalDispatcher.Invocation> unrelated = dispatcher.drain();
    put(aws, bucket, manifest);
    List<LocalDispatcher.Invocation> landed = dispatcher.drain();

    assertThat(unrelated).as("another stage's manifest, a statement.csv, a manifest elsewhere").isEmpty();
    assertThat(landed).singleElement().satisfies(call -> {
      assertThat(call.function()).isEqualTo("ReconcileFunction");
      JsonNode event = JSON.readTree(call.event());
      assertThat(event.path("source").asText()).isEqualTo("aws.s3");
      assertThat(event.path("detail-type").asText()).isEqualTo("Object Created");
      assertThat(event.path("detail").path("bucket").path("name").asText()).isEqualTo(bucket);
      assertThat(event.path("detail").path("object").path("key").asText()).isEqualTo(manifest);
    });
  }

  @Test
  void schedule_shouldDeliverTheTemplatesInputUnchanged_toItsFunction(AwsTestEnvironment aws) throws Exception {
    TemplateTriggers triggers = TemplateTriggers.realise(aws.stack(), aws.clients());
    LocalDispatcher dispatcher = new LocalDispatcher(triggers, recordingHandlers(triggers));
    StackTemplate template = aws.stack().template();

    assertThat(triggers.schedules()).extracting(TemplateTriggers.Schedule::function)
        .contains("SyncFunction", "StatementFunction", "ReconcileFunction");
    for (TemplateTriggers.Schedule s : triggers.schedules()) {
      Map<String, Object> declared = StackTemplate.map(StackTemplate.map(StackTemplate.map(StackTemplate.map(
          template.resource(s.function()).orElseThrow().properties().get("Events")).get(s.event())).get("Properties")));
      var stored = aws.clients().scheduler().getSchedule(g -> g.name(s.name()));

      List<LocalDispatcher.Invocation> calls = dispatcher.fire(s.function(), s.event());

      assertThat(stored.scheduleExpression()).isEqualTo(declared.get("ScheduleExpression"));
      assertThat(stored.scheduleExpressionTimezone()).isEqualTo(declared.get("ScheduleExpressionTimezone"));
      assertThat(calls).singleElement().satisfies(call -> {
        assertThat(call.function()).isEqualTo(s.function());
        assertThat(call.event()).isEqualTo(declared.get("Input"));
      });
    }
  }

  private static Map<String, LocalDispatcher.Handler> recordingHandlers(TemplateTriggers triggers) {
    Map<String, LocalDispatcher.Handler> handlers = new HashMap<>();
    triggers.standInQueues().keySet().forEach(f -> handlers.put(f, event -> "{}".getBytes(StandardCharsets.UTF_8)));
    triggers.queueSources().forEach(q -> handlers.put(q.function(), event -> "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8)));
    return handlers;
  }

  private static void put(AwsTestEnvironment aws, String bucket, String key) {
    aws.clients().s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString("{}"));
  }
}
