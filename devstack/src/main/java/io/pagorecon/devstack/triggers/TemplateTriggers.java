package io.pagorecon.devstack.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.ProvisionedStack;
import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.StackTemplate.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's wiring realised in moto, read from each function's {@code Events} and the wiring
 * resources: a bucket's EventBridge notifications; each {@code EventBridgeRule} event as a rule
 * with the template's own pattern; each {@code ScheduleV2} event as a Scheduler schedule with its
 * expression, time zone, input, retry policy and dead-letter queue; each
 * {@code AWS::SNS::Subscription} of protocol {@code sqs}. Lambda is not emulated: a rule's or
 * schedule's target is a stand-in queue per function ({@code <function>-invoke-<stage>}) that
 * {@link LocalDispatcher} polls, as it polls the queues of {@code SQS} events. moto keeps
 * schedules but never fires them: {@link #fire} is the Scheduler's part, delivering a schedule's
 * input to its target at the moment the caller decides.
 */
public final class TemplateTriggers {

  /** A rule or schedule event of a function. */
  public record Trigger(String function, String event, String type, Map<String, Object> properties) {}

  /**
   * An {@code SQS} event of a function: the queue Lambda would poll and how; {@code
   * maximumConcurrency} is its {@code ScalingConfig.MaximumConcurrency} (1 when not set: the local
   * stand-in then runs one call at a time).
   */
  public record QueueSource(String function, String event, String queueUrl, String queueArn, int batchSize,
      int batchingWindowSeconds, boolean reportBatchItemFailures, int maximumConcurrency) {}

  /** A schedule as created in moto. */
  public record Schedule(String function, String event, String name, String expression, String timezone, String input) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE_ARN = "arn:aws:iam::" + LocalClients.ACCOUNT_ID + ":role/pagorecon-local-scheduler";

  private final ProvisionedStack stack;
  private final LocalClients clients;
  private final Map<String, String> standInQueues;
  private final List<QueueSource> queueSources;
  private final List<Schedule> schedules;
  private final List<String> rules;
  private final List<String> notRealised;

  private TemplateTriggers(ProvisionedStack stack, LocalClients clients, Map<String, String> standInQueues,
      List<QueueSource> queueSources, List<Schedule> schedules, List<String> rules, List<String> notRealised) {
    this.stack = stack;
    this.clients = clients;
    this.standInQueues = Map.copyOf(standInQueues);
    this.queueSources = List.copyOf(queueSources);
    this.schedules = List.copyOf(schedules);
    this.rules = List.copyOf(rules);
    this.notRealised = List.copyOf(notRealised);
  }

  /** Creates the template's triggers in the stack's moto (after {@code StackProvisioner}). */
  public static TemplateTriggers realise(ProvisionedStack stack, LocalClients clients) {
    StackTemplate template = stack.template();
    List<String> notRealised = new ArrayList<>();
    for (Resource bucket : template.resourcesOfType("AWS::S3::Bucket")) {
      Map<String, Object> notifications = StackTemplate.map(resolved(stack, bucket.properties()).get("NotificationConfiguration"));
      Map<String, Object> eventBridge = StackTemplate.map(notifications.get("EventBridgeConfiguration"));
      if (Boolean.parseBoolean(String.valueOf(eventBridge.get("EventBridgeEnabled")))) {
        clients.s3().putBucketNotificationConfiguration(n -> n.bucket(stack.name(bucket.logicalId()))
            .notificationConfiguration(c -> c.eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
      }
    }
    for (Resource subscription : template.resourcesOfType("AWS::SNS::Subscription")) {
      if (!subscription.condition().map(c -> stack.intrinsics().condition(c)).orElse(true)) {
        continue;
      }
      Map<String, Object> p = resolved(stack, subscription.properties());
      String protocol = String.valueOf(p.get("Protocol"));
      if (!"sqs".equals(protocol)) {
        notRealised.add(subscription.logicalId() + " (protocol " + protocol + ": moto does not deliver it)");
        continue;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      if (p.get("RawMessageDelivery") != null) {
        attributes.put("RawMessageDelivery", String.valueOf(p.get("RawMessageDelivery")));
      }
      clients.sns().subscribe(s -> s.topicArn(String.valueOf(p.get("TopicArn"))).protocol("sqs")
          .endpoint(String.valueOf(p.get("Endpoint"))).attributes(attributes));
    }

    Map<String, String> standIns = new LinkedHashMap<>();
    List<QueueSource> sources = new ArrayList<>();
    List<Schedule> schedules = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    for (Trigger t : triggers(stack)) {
      switch (t.type()) {
        case "EventBridgeRule" -> {
          String target = standIn(stack, clients, standIns, t.function());
          String name = (t.function() + "-" + t.event()).toLowerCase(Locale.ROOT);
          clients.eventBridge().putRule(r -> r.name(name).eventPattern(json(t.properties().get("Pattern"))));
          clients.eventBridge().putTargets(r -> r.rule(name).targets(x -> x.id(t.function()).arn(arnOf(clients, target))));
          rules.add(name);
        }
        case "ScheduleV2" -> {
          String target = standIn(stack, clients, standIns, t.function());
          Map<String, Object> p = t.properties();
          String name = (t.function() + "-" + t.event()).toLowerCase(Locale.ROOT);
          Map<String, Object> retry = StackTemplate.map(p.get("RetryPolicy"));
          Optional<String> deadLetter = Optional.ofNullable(StackTemplate.map(p.get("DeadLetterConfig")).get("Arn")).map(String::valueOf);
          String input = String.valueOf(p.getOrDefault("Input", "{}"));
          clients.scheduler().createSchedule(s -> s.name(name)
              .scheduleExpression(String.valueOf(p.get("ScheduleExpression")))
              .scheduleExpressionTimezone(Optional.ofNullable(p.get("ScheduleExpressionTimezone")).map(String::valueOf).orElse("UTC"))
              .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
              .target(x -> {
                x.arn(arnOf(clients, target)).roleArn(ROLE_ARN).input(input);
                if (!retry.isEmpty()) {
                  x.retryPolicy(r -> {
                    Optional.ofNullable(retry.get("MaximumRetryAttempts")).ifPresent(v -> r.maximumRetryAttempts(Integer.valueOf(String.valueOf(v))));
                    Optional.ofNullable(retry.get("MaximumEventAgeInSeconds")).ifPresent(v -> r.maximumEventAgeInSeconds(Integer.valueOf(String.valueOf(v))));
                  });
                }
                deadLetter.ifPresent(arn -> x.deadLetterConfig(d -> d.arn(arn)));
              }));
          schedules.add(new Schedule(t.function(), t.event(), name, String.valueOf(p.get("ScheduleExpression")),
              String.valueOf(p.getOrDefault("ScheduleExpressionTimezone", "UTC")), input));
        }
        case "SQS" -> {
          Map<String, Object> p = t.properties();
          String arn = String.valueOf(p.get("Queue"));
          String queueName = arn.substring(arn.lastIndexOf(':') + 1);
          String url = clients.sqs().getQueueUrl(g -> g.queueName(queueName)).queueUrl();
          List<?> responseTypes = p.get("FunctionResponseTypes") instanceof List<?> l ? l : List.of();
          sources.add(new QueueSource(t.function(), t.event(), url, arn,
              Integer.parseInt(String.valueOf(p.getOrDefault("BatchSize", 10))),
              Integer.parseInt(String.valueOf(p.getOrDefault("MaximumBatchingWindowInSeconds", 0))),
              responseTypes.contains("ReportBatchItemFailures"),
              Integer.parseInt(String.valueOf(StackTemplate.map(p.get("ScalingConfig")).getOrDefault("MaximumConcurrency", 1)))));
        }
        default -> notRealised.add(t.function() + "." + t.event() + " (" + t.type() + ")");
      }
    }
    return new TemplateTriggers(stack, clients, standIns, sources, schedules, rules, notRealised);
  }

  /** Every rule, schedule and queue event of the template's functions, intrinsics resolved (HTTP events are served by LocalHttpApi). */
  public static List<Trigger> triggers(ProvisionedStack stack) {
    List<Trigger> out = new ArrayList<>();
    for (Resource fn : stack.template().resourcesOfType("AWS::Serverless::Function")) {
      Map<String, Object> events = StackTemplate.map(fn.properties().get("Events"));
      events.forEach((name, definition) -> {
        Map<String, Object> event = StackTemplate.map(definition);
        String type = String.valueOf(event.get("Type"));
        if (!type.equals("HttpApi") && !type.equals("Api")) {
          out.add(new Trigger(fn.logicalId(), name, type, resolved(stack, StackTemplate.map(event.get("Properties")))));
        }
      });
    }
    return out;
  }

  /**
   * The Scheduler's part: delivers the schedule's target input, exactly as stored in moto, to its
   * target (the function's stand-in queue). {@code event} is the template's event name.
   */
  public void fire(String function, String event) {
    Schedule s = schedules.stream().filter(x -> x.function().equals(function) && x.event().equals(event)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no schedule " + function + "." + event + "; schedules: " + schedules));
    var target = clients.scheduler().getSchedule(g -> g.name(s.name())).target();
    String queueName = target.arn().substring(target.arn().lastIndexOf(':') + 1);
    String url = clients.sqs().getQueueUrl(g -> g.queueName(queueName)).queueUrl();
    clients.sqs().sendMessage(m -> m.queueUrl(url).messageBody(target.input()));
  }

  /** The stand-in queue URL that receives what a function's rules and schedules deliver. */
  public Map<String, String> standInQueues() {
    return standInQueues;
  }

  public List<QueueSource> queueSources() {
    return queueSources;
  }

  public List<Schedule> schedules() {
    return schedules;
  }

  public List<String> rules() {
    return rules;
  }

  /** Wiring the template declares that moto cannot carry (e.g. an email subscription), with the reason. */
  public List<String> notRealised() {
    return notRealised;
  }

  ProvisionedStack stack() {
    return stack;
  }

  LocalClients clients() {
    return clients;
  }

  private static String standIn(ProvisionedStack stack, LocalClients clients, Map<String, String> standIns, String function) {
    return standIns.computeIfAbsent(function, f -> clients.sqs()
        .createQueue(c -> c.queueName((f + "-invoke-" + stack.stage()).toLowerCase(Locale.ROOT))).queueUrl());
  }

  private static String arnOf(LocalClients clients, String queueUrl) {
    return clients.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolved(ProvisionedStack stack, Map<String, Object> properties) {
    return (Map<String, Object>) stack.intrinsics().resolve(properties);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an event pattern as JSON", e);
    }
  }
}
