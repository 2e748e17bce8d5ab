package io.pagorecon.devstack.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.devstack.LocalClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The stand-in for the Lambda service, and only for it: what the template's triggers delivered
 * (rule and schedule targets: each function's stand-in queue; {@code SQS} events: the real queue)
 * is handed to the real handler, one function call at a time.
 *
 * <ul>
 *   <li>Rules and schedules invoke asynchronously: one call per event, with exactly the event
 *       delivered; a failed call is retried twice (Lambda's default for asynchronous calls), then
 *       given up and recorded (the template configures no on-failure destination).
 *   <li>{@code SQS} events: batches of up to {@code BatchSize} records in Lambda's SQS event
 *       shape; with {@code ReportBatchItemFailures} only the reported records stay, otherwise a
 *       failed call keeps the whole batch; a record that stays is received again, and the queue's
 *       own redrive policy moves it to its dead-letter queue after {@code maxReceiveCount} receives.
 *       With {@code ScalingConfig.MaximumConcurrency} N, up to N batches are handed over at once,
 *       each on its own thread (Lambda's concurrent execution environments: give such a function
 *       a handler from {@link #environments}, so no two calls share one).
 * </ul>
 *
 * Two deliberate differences, both about waiting: a failed record is made visible again at once
 * instead of after the queue's visibility timeout, and {@link #drain} does not wait out
 * {@code MaximumBatchingWindowInSeconds}: it takes what is queued (what one run publishes is
 * queued together before the next poll).
 */
public final class LocalDispatcher {

  /** The real handler of a function: the event's bytes in, the bytes Lambda would return out. */
  @FunctionalInterface
  public interface Handler {
    byte[] invoke(byte[] event) throws Exception;
  }

  /** One call made: {@code error} is empty when the handler returned normally. */
  public record Invocation(String function, String source, String event, String answer, String error) {
    public boolean failed() {
      return !error.isEmpty();
    }
  }

  static final int ASYNC_ATTEMPTS = 3;
  private static final int MAX_ROUNDS = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TemplateTriggers triggers;
  private final LocalClients clients;
  private final Map<String, Handler> handlers;
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<Invocation> givenUp = new ArrayList<>();

  /** {@code handlers} by function logical id; a trigger of a function without one fails {@link #drain}. */
  public LocalDispatcher(TemplateTriggers triggers, Map<String, Handler> handlers) {
    this.triggers = triggers;
    this.clients = triggers.clients();
    this.handlers = Map.copyOf(handlers);
  }

  /** Fires a schedule (the Scheduler's part) and runs everything that follows from it. */
  public List<Invocation> fire(String function, String event) {
    triggers.fire(function, event);
    return drain();
  }

  /** Runs every call that is due, and what those calls trigger in turn, until nothing is queued. */
  public List<Invocation> drain() {
    int before;
    synchronized (invocations) {
      before = invocations.size();
    }
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean progressed = false;
      for (Map.Entry<String, String> standIn : triggers.standInQueues().entrySet()) {
        progressed |= pollAsync(standIn.getKey(), standIn.getValue());
      }
      for (TemplateTriggers.QueueSource source : triggers.queueSources()) {
        progressed |= pollQueue(source);
      }
      if (!progressed) {
        synchronized (invocations) {
          return List.copyOf(invocations.subList(before, invocations.size()));
        }
      }
    }
    throw new IllegalStateException("still dispatching after " + MAX_ROUNDS + " rounds: a trigger loop?");
  }

  /** Every call made so far, in order. */
  public List<Invocation> invocations() {
    synchronized (invocations) {
      return List.copyOf(invocations);
    }
  }

  /** Asynchronous events dropped after their last attempt failed. */
  public List<Invocation> givenUp() {
    return List.copyOf(givenUp);
  }

  private boolean pollAsync(String function, String queueUrl) {
    List<Message> messages = receive(queueUrl, 10);
    for (Message m : messages) {
      Invocation call = call(function, "async", m.body());
      int attempt = Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
      if (!call.failed() || attempt >= ASYNC_ATTEMPTS) {
        if (call.failed()) {
          givenUp.add(call);
        }
        clients.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      } else {
        visibleAgain(queueUrl, m);
      }
    }
    return !messages.isEmpty();
  }

  /**
   * A handler that gives each concurrent call its own instance from {@code environment}, reused by
   * later calls as Lambda reuses a warm execution environment.
   */
  public static Handler environments(java.util.function.Supplier<Handler> environment) {
    java.util.concurrent.ConcurrentLinkedDeque<Handler> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    return event -> {
      Handler h = idle.pollFirst();
      if (h == null) {
        h = environment.get();
      }
      try {
        return h.invoke(event);
      } finally {
        idle.addFirst(h);
      }
    };
  }

  private boolean pollQueue(TemplateTriggers.QueueSource source) {
    int concurrency = Math.max(1, source.maximumConcurrency());
    if (concurrency == 1) {
      List<Message> messages = receive(source.queueUrl(), Math.min(10, source.batchSize()));
      if (messages.isEmpty()) {
        return false;
      }
      settle(source, messages, call(source.function(), "sqs:" + source.event(), sqsEvent(source, messages)));
      return true;
    }
    List<List<Message>> batches = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      List<Message> batch = receive(source.queueUrl(), Math.min(10, source.batchSize()));
      if (batch.isEmpty()) {
        break;
      }
      batches.add(batch);
    }
    if (batches.isEmpty()) {
      return false;
    }
    List<Thread> threads = new ArrayList<>();
    Invocation[] calls = new Invocation[batches.size()];
    for (int i = 0; i < batches.size(); i++) {
      int index = i;
      Thread t = new Thread(() -> calls[index] = call(source.function(), "sqs:" + source.event(), sqsEvent(source, batches.get(index))),
          source.function() + "-" + i);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + source.function() + " ran", e);
      }
    }
    for (int i = 0; i < batches.size(); i++) {
      settle(source, batches.get(i), calls[i]);
    }
    return true;
  }

  /** Deletes what the call consumed; what it failed becomes visible again. */
  private void settle(TemplateTriggers.QueueSource source, List<Message> messages, Invocation call) {
    Set<String> failed = new HashSet<>();
    if (call.failed()) {
      messages.forEach(m -> failed.add(m.messageId()));
    } else if (source.reportBatchItemFailures()) {
      failed.addAll(batchItemFailures(call.answer(), messages));
    }
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        visibleAgain(source.queueUrl(), m);
      } else {
        clients.sqs().deleteMessage(d -> d.queueUrl(source.queueUrl()).receiptHandle(m.receiptHandle()));
      }
    }
  }

  private Invocation call(String function, String source, String event) {
    Handler handler = handlers.get(function);
    if (handler == null) {
      throw new IllegalStateException("a trigger delivered to " + function + ", which has no handler here; handlers: " + handlers.keySet());
    }
    Invocation call;
    try {
      byte[] answer = handler.invoke(event.getBytes(StandardCharsets.UTF_8));
      call = new Invocation(function, source, event, new String(answer, StandardCharsets.UTF_8), "");
    } catch (Exception e) {
      call = new Invocation(function, source, event, "", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    synchronized (invocations) {
      invocations.add(call);
    }
    return call;
  }

  private List<Message> receive(String queueUrl, int max) {
    return clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(0)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
  }

  private void visibleAgain(String queueUrl, Message m) {
    clients.sqs().changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
  }

  /** Lambda's SQS event: one record per message, with its system and message attributes. */
  private String sqsEvent(TemplateTriggers.QueueSource source, List<Message> messages) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle()).put("body", m.body());
      ObjectNode attributes = r.putObject("attributes");
      m.attributesAsStrings().forEach(attributes::put);
      ObjectNode messageAttributes = r.putObject("messageAttributes");
      m.messageAttributes().forEach((name, value) -> {
        ObjectNode a = messageAttributes.putObject(name);
        a.put("stringValue", value.stringValue()).put("dataType", value.dataType());
        a.putArray("stringListValues");
        a.putArray("binaryListValues");
      });
      r.put("md5OfBody", m.md5OfBody()).put("eventSource", "aws:sqs").put("eventSourceARN", source.queueArn())
          .put("awsRegion", LocalClients.REGION);
    }
    return event.toString();
  }

  /** The records the handler reported failed; an unreadable answer fails the whole batch, as Lambda does. */
  private static List<String> batchItemFailures(String answer, List<Message> batch) {
    List<String> ids = new ArrayList<>();
    try {
      JsonNode failures = JSON.readTree(answer).path("batchItemFailures");
      failures.forEach(f -> ids.add(f.path("itemIdentifier").asText()));
      return ids;
    } catch (java.io.IOException e) {
      return batch.stream().map(Message::messageId).toList();
    }
  }
}
