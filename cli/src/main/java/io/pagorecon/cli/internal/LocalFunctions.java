package io.pagorecon.cli.internal;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.devstack.triggers.LocalDispatcher;
import io.pagorecon.functions.dingtalk.AlertQueueDingTalkHandler;
import io.pagorecon.functions.payments.ShopPaymentsApiHandler;
import io.pagorecon.functions.reconcile.StatementLandedReconcileHandler;
import io.pagorecon.functions.reconcile.internal.ReconcileWiring;
import io.pagorecon.functions.statement.DailyStatementHandler;
import io.pagorecon.functions.statement.StatementSliceHandler;
import io.pagorecon.functions.statement.internal.StatementWiring;
import io.pagorecon.functions.sync.ScheduledSyncHandler;
import io.pagorecon.functions.webhook.CipNotificationWebhookHandler;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's functions hosted in this JVM, each wired exactly as its Lambda no-arg
 * constructor wires it, from the environment the template gives it. {@code clock} is the
 * function's "now" (the demo passes the simulator's, so receipt times and scheduled runs follow
 * the simulated day); secret caches keep real time.
 */
public final class LocalFunctions {

  /** A stream handler invoked with an event's bytes, answering the bytes Lambda would return. */
  @FunctionalInterface
  public interface Invocation {
    byte[] invoke(byte[] event) throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalFunctions() {}

  /** The HTTP route of a function logical id, or empty when that function is not an HTTP one. */
  public static Optional<LocalHttpApi.Route> route(String logicalId, Map<String, String> env, Clock clock) {
    switch (logicalId) {
      case "WebhookFunction": {
        WebhookWiring wiring = WebhookWiring.fromEnvironment(env, Clock.systemUTC());
        CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(wiring.ingest(), wiring.config().stage(), clock);
        return Optional.of((event, context) -> handler.handleRequest(event, null));
      }
      case "PaymentsApiFunction": {
        ShopPaymentsApiHandler handler = new ShopPaymentsApiHandler(ShopPaymentsApiHandler.wiring(env, clock), clock, System.out);
        return Optional.of((event, context) -> handler.handleRequest(event, null));
      }
      default:
        return Optional.empty();
    }
  }

  /** A scheduled or event-driven function, or empty when it is not hosted locally. */
  public static Optional<Invocation> invocation(String logicalId, Map<String, String> env, Clock clock) {
    switch (logicalId) {
      case "SyncFunction": {
        ScheduledSyncHandler h = new ScheduledSyncHandler(ScheduledSyncHandler.wiring(env, clock), clock, System.out);
        return Optional.of(event -> stream(event, (in, out) -> h.handleRequest(in, out, null)));
      }
      case "StatementFunction": {
        DailyStatementHandler h = new DailyStatementHandler(StatementWiring.fromEnvironment(env, clock), clock, System.out);
        return Optional.of(event -> stream(event, (in, out) -> h.handleRequest(in, out, null)));
      }
      case "StatementSliceFunction": {
        // one handler per concurrent slice, as Lambda gives each its own environment (and rate share)
        LocalDispatcher.Handler h = LocalDispatcher.environments(() -> {
          StatementSliceHandler slice = new StatementSliceHandler(StatementWiring.forSlices(env, clock), clock, System.out);
          return event -> stream(event, (in, out) -> slice.handleRequest(in, out, null));
        });
        return Optional.of(event -> {
          try {
            return h.invoke(event);
          } catch (IOException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IOException(e);
          }
        });
      }
      case "ReconcileFunction": {
        ReconcileWiring w = ReconcileWiring.fromEnvironment(env, clock);
        StatementLandedReconcileHandler h =
            new StatementLandedReconcileHandler(w.useCase(), w.config().stage(), w.config().businessZone(), clock, System.out);
        return Optional.of(event -> stream(event, (in, out) -> h.handleRequest(in, out, null)));
      }
      case "SettlementFunction": {
        io.pagorecon.functions.settlement.SettlementFileLandedHandler h = new io.pagorecon.functions.settlement.SettlementFileLandedHandler(env, clock);
        return Optional.of(event -> stream(event, (in, out) -> h.handleRequest(in, out, null)));
      }
      case "DoctorFunction": {
        io.pagorecon.functions.doctor.ScheduledDoctorHandler h =
            new io.pagorecon.functions.doctor.ScheduledDoctorHandler(env, io.pagorecon.aws.AwsClients.fromEnvironment(env), clock);
        return Optional.of(event -> stream(event, (in, out) -> h.handleRequest(in, out, null)));
      }
      case "DingTalkFunction": {
        // its robot's signature needs real time: DingTalk checks the timestamp against its own clock
        AlertQueueDingTalkHandler h = AlertQueueDingTalkHandler.fromEnvironment(env);
        return Optional.of(event -> JSON.writeValueAsBytes(h.handleRequest(sqsEvent(event), null)));
      }
      default:
        return Optional.empty();
    }
  }

  /** Lambda's SQS event JSON as the typed event the runtime would hand a {@code RequestHandler<SQSEvent, ?>}. */
  static SQSEvent sqsEvent(byte[] json) throws IOException {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (JsonNode r : JSON.readTree(json).path("Records")) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId(r.path("messageId").asText());
      m.setReceiptHandle(r.path("receiptHandle").asText());
      m.setBody(r.path("body").asText());
      m.setMd5OfBody(r.path("md5OfBody").asText(null));
      m.setEventSource(r.path("eventSource").asText(null));
      m.setEventSourceArn(r.path("eventSourceARN").asText(null));
      m.setAwsRegion(r.path("awsRegion").asText(null));
      Map<String, String> attributes = new LinkedHashMap<>();
      r.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
      m.setAttributes(attributes);
      Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
      r.path("messageAttributes").fields().forEachRemaining(e -> {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(e.getValue().path("dataType").asText());
        a.setStringValue(e.getValue().path("stringValue").asText(null));
        messageAttributes.put(e.getKey(), a);
      });
      m.setMessageAttributes(messageAttributes);
      messages.add(m);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  private interface StreamCall {
    void call(ByteArrayInputStream in, ByteArrayOutputStream out) throws IOException;
  }

  private static byte[] stream(byte[] event, StreamCall call) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    call.call(new ByteArrayInputStream(event), out);
    return out.toByteArray();
  }
}
