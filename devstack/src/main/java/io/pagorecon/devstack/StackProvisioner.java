package io.pagorecon.devstack;

import io.pagorecon.devstack.ProvisionedStack.Physical;
import io.pagorecon.devstack.StackTemplate.Resource;
import io.pagorecon.devstack.internal.Intrinsics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's data resources in a local endpoint (moto) through the AWS SDK: every
 * {@code AWS::DynamoDB::Table} (keys, attribute definitions, GSIs/LSIs, TTL, PITR, streams),
 * {@code AWS::S3::Bucket} (versioning, public access block, lifecycle rules), {@code AWS::SNS::Topic}, {@code AWS::SQS::Queue}, {@code AWS::Events::EventBus} and
 * {@code AWS::SecretsManager::Secret}. Functions, APIs, log groups and policies are not created:
 * moto ignores the SAM transform, and handlers are run in-process instead.
 *
 * <p>Physical names are {@code <logicalid>-<stage>} in lower case unless the template names the
 * resource itself. Nothing here repeats a key, index or name from the template.
 */
public final class StackProvisioner {

  private final StackTemplate template;
  private final LocalClients clients;

  public StackProvisioner(StackTemplate template, LocalClients clients) {
    this.template = template;
    this.clients = clients;
  }

  /** Provisions with {@code Stage=stage}, other parameters at their defaults, secrets from the template. */
  public ProvisionedStack provision(String stage) {
    return provision(Map.of("Stage", stage), Map.of());
  }

  /**
   * @param parameterOverrides template parameters to set (others take their {@code Default})
   * @param secretValues secret string per secret logical id; absent ones get the template's
   *     {@code SecretString} (or {@code GenerateSecretString.SecretStringTemplate}, else {@code {}})
   */
  public ProvisionedStack provision(Map<String, String> parameterOverrides, Map<String, String> secretValues) {
    Map<String, String> parameters = parameters(parameterOverrides);
    String stage = parameters.getOrDefault("Stage", "local");
    String stackName = "pagorecon-" + stage;
    Map<String, Physical> physical = new LinkedHashMap<>();
    Map<String, String> pseudo = Map.of(
        "AWS::StackName", stackName,
        "AWS::Region", LocalClients.REGION,
        "AWS::AccountId", LocalClients.ACCOUNT_ID,
        "AWS::Partition", "aws",
        "AWS::URLSuffix", "amazonaws.com",
        "AWS::NoValue", "");
    Intrinsics intrinsics = new Intrinsics(
        ref -> {
          if (parameters.containsKey(ref)) {
            return parameters.get(ref);
          }
          if (pseudo.containsKey(ref)) {
            return pseudo.get(ref);
          }
          return physicalOf(ref, stage, physical).ref();
        },
        att -> attribute(physicalOf(att.get(0), stage, physical), att.get(1)),
        template.conditions());

    List<Resource> created = template.resources().keySet().stream()
        .map(id -> template.resource(id).orElseThrow())
        .filter(r -> r.condition().map(intrinsics::condition).orElse(true))
        .toList();

    for (Resource r : byType(created, "AWS::SecretsManager::Secret")) {
      physical.put(r.logicalId(), createSecret(r, stage, secretValues.get(r.logicalId()), intrinsics));
    }
    for (Resource r : byType(created, "AWS::DynamoDB::Table")) {
      physical.put(r.logicalId(), createTable(r, stage, intrinsics));
    }
    for (Resource r : byType(created, "AWS::S3::Bucket")) {
      physical.put(r.logicalId(), createBucket(r, stage, intrinsics));
    }
    for (Resource r : byType(created, "AWS::SNS::Topic")) {
      physical.put(r.logicalId(), createTopic(r, stage, intrinsics));
    }
    for (Resource r : byType(created, "AWS::Events::EventBus")) {
      physical.put(r.logicalId(), createEventBus(r, stage, intrinsics));
    }
    // dead-letter queues first, so a RedrivePolicy can name their ARN
    List<Resource> queues = new ArrayList<>(byType(created, "AWS::SQS::Queue"));
    queues.sort((a, b) -> Boolean.compare(a.properties().containsKey("RedrivePolicy"), b.properties().containsKey("RedrivePolicy")));
    for (Resource r : queues) {
      physical.put(r.logicalId(), createQueue(r, stage, intrinsics));
    }
    return new ProvisionedStack(template, clients.endpoint(), LocalClients.REGION, parameters, physical, intrinsics);
  }

  private Map<String, String> parameters(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    template.parameters().forEach((name, def) -> {
      Object dflt = StackTemplate.map(def).get("Default");
      if (dflt != null) {
        values.put(name, String.valueOf(dflt));
      }
    });
    overrides.forEach((name, value) -> {
      if (!template.parameters().containsKey(name)) {
        throw new IllegalArgumentException("template has no parameter " + name);
      }
      values.put(name, value);
    });
    for (String name : template.parameters().keySet()) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("parameter " + name + " has no Default: pass a value");
      }
    }
    return values;
  }

  private static List<Resource> byType(List<Resource> resources, String type) {
    return resources.stream().filter(r -> type.equals(r.type())).toList();
  }

  /** A resource not created (yet): deterministic names and ARNs, as moto would assign them. */
  private Physical physicalOf(String logicalId, String stage, Map<String, Physical> created) {
    Physical p = created.get(logicalId);
    if (p != null) {
      return p;
    }
    Resource r = template.resource(logicalId)
        .orElseThrow(() -> new IllegalStateException("!Ref to unknown " + logicalId + " in " + template.path()));
    String name = derivedName(logicalId, stage);
    String account = LocalClients.REGION + ":" + LocalClients.ACCOUNT_ID;
    return switch (r.type()) {
      case "AWS::DynamoDB::Table" -> new Physical(logicalId, r.type(), name, "arn:aws:dynamodb:" + account + ":table/" + name, name);
      case "AWS::S3::Bucket" -> new Physical(logicalId, r.type(), name, "arn:aws:s3:::" + name, name);
      case "AWS::SNS::Topic" -> {
        String arn = "arn:aws:sns:" + account + ":" + name;
        yield new Physical(logicalId, r.type(), name, arn, arn);
      }
      case "AWS::Events::EventBus" -> new Physical(logicalId, r.type(), name, "arn:aws:events:" + account + ":event-bus/" + name, name);
      case "AWS::SQS::Queue" -> new Physical(logicalId, r.type(), name, "arn:aws:sqs:" + account + ":" + name,
          clients.endpoint() + "/" + LocalClients.ACCOUNT_ID + "/" + name);
      case "AWS::Serverless::Function", "AWS::Lambda::Function" -> {
        String arn = "arn:aws:lambda:" + account + ":function:" + name;
        yield new Physical(logicalId, r.type(), name, arn, name);
      }
      default -> {
        String service = r.type().split("::")[1].toLowerCase(Locale.ROOT);
        yield new Physical(logicalId, r.type(), name, "arn:aws:" + service + ":" + account + ":" + name, name);
      }
    };
  }

  private static String attribute(Physical p, String attribute) {
    return switch (attribute) {
      case "Arn", "TopicArn", "QueueArn", "Id" -> p.arn();
      case "TopicName", "QueueName" -> p.name();
      case "QueueUrl" -> p.ref();
      case "DomainName" -> p.name() + ".s3.amazonaws.com";
      case "RegionalDomainName" -> p.name() + ".s3." + LocalClients.REGION + ".amazonaws.com";
      default -> throw new UnsupportedOperationException("GetAtt " + p.logicalId() + "." + attribute + " is not supported locally");
    };
  }

  static String derivedName(String logicalId, String stage) {
    return (logicalId + "-" + stage).toLowerCase(Locale.ROOT);
  }

  private static String name(Resource r, String property, String stage, Intrinsics intrinsics) {
    Object explicit = r.properties().get(property);
    return explicit != null ? String.valueOf(intrinsics.resolve(explicit)) : derivedName(r.logicalId(), stage);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> props(Resource r, Intrinsics intrinsics) {
    return (Map<String, Object>) intrinsics.resolve(r.properties());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  private static boolean isTrue(Object value) {
    return value != null && Boolean.parseBoolean(String.valueOf(value));
  }

  private Physical createTable(Resource r, String stage, Intrinsics intrinsics) {
    Map<String, Object> p = props(r, intrinsics);
    String name = name(r, "TableName", stage, intrinsics);
    boolean onDemand = "PAY_PER_REQUEST".equals(p.get("BillingMode"));
    ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();
    CreateTableRequest.Builder create = CreateTableRequest.builder()
        .tableName(name)
        .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
            .map(a -> AttributeDefinition.builder()
                .attributeName((String) a.get("AttributeName"))
                .attributeType((String) a.get("AttributeType"))
                .build())
            .toList())
        .keySchema(keySchema(p.get("KeySchema")))
        .billingMode(onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED);
    if (!onDemand) {
      create.provisionedThroughput(throughput);
    }
    List<GlobalSecondaryIndex> gsis = list(p.get("GlobalSecondaryIndexes")).stream()
        .map(g -> {
          GlobalSecondaryIndex.Builder b = GlobalSecondaryIndex.builder()
              .indexName((String) g.get("IndexName"))
              .keySchema(keySchema(g.get("KeySchema")))
              .projection(projection(g.get("Projection")));
          return (onDemand ? b : b.provisionedThroughput(throughput)).build();
        })
        .toList();
    if (!gsis.isEmpty()) {
      create.globalSecondaryIndexes(gsis);
    }
    List<LocalSecondaryIndex> lsis = list(p.get("LocalSecondaryIndexes")).stream()
        .map(l -> LocalSecondaryIndex.builder()
            .indexName((String) l.get("IndexName"))
            .keySchema(keySchema(l.get("KeySchema")))
            .projection(projection(l.get("Projection")))
            .build())
        .toList();
    if (!lsis.isEmpty()) {
      create.localSecondaryIndexes(lsis);
    }
    Map<String, Object> sse = StackTemplate.map(p.get("SSESpecification"));
    if (isTrue(sse.get("SSEEnabled"))) {
      create.sseSpecification(SSESpecification.builder().enabled(true).build());
    }
    Map<String, Object> stream = StackTemplate.map(p.get("StreamSpecification"));
    if (stream.get("StreamViewType") != null) {
      create.streamSpecification(StreamSpecification.builder().streamEnabled(true)
          .streamViewType((String) stream.get("StreamViewType")).build());
    }
    String arn = clients.dynamoDb().createTable(create.build()).tableDescription().tableArn();

    Map<String, Object> ttl = StackTemplate.map(p.get("TimeToLiveSpecification"));
    if (isTrue(ttl.get("Enabled"))) {
      clients.dynamoDb().updateTimeToLive(u -> u.tableName(name)
          .timeToLiveSpecification(t -> t.attributeName((String) ttl.get("AttributeName")).enabled(true)));
    }
    Map<String, Object> pitr = StackTemplate.map(p.get("PointInTimeRecoverySpecification"));
    if (isTrue(pitr.get("PointInTimeRecoveryEnabled"))) {
      clients.dynamoDb().updateContinuousBackups(u -> u.tableName(name)
          .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
    }
    return new Physical(r.logicalId(), r.type(), name, arn, name);
  }

  private static List<KeySchemaElement> keySchema(Object value) {
    return list(value).stream()
        .map(k -> KeySchemaElement.builder()
            .attributeName((String) k.get("AttributeName"))
            .keyType((String) k.get("KeyType"))
            .build())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Projection projection(Object value) {
    Map<String, Object> p = StackTemplate.map(value);
    Projection.Builder b = Projection.builder().projectionType((String) p.getOrDefault("ProjectionType", "ALL"));
    if (p.get("NonKeyAttributes") != null) {
      b.nonKeyAttributes((List<String>) p.get("NonKeyAttributes"));
    }
    return b.build();
  }

  private Physical createBucket(Resource r, String stage, Intrinsics intrinsics) {
    Map<String, Object> p = props(r, intrinsics);
    String name = name(r, "BucketName", stage, intrinsics);
    clients.s3().createBucket(b -> b.bucket(name));
    Map<String, Object> versioning = StackTemplate.map(p.get("VersioningConfiguration"));
    if ("Enabled".equals(versioning.get("Status"))) {
      clients.s3().putBucketVersioning(v -> v.bucket(name)
          .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    }
    Map<String, Object> block = StackTemplate.map(p.get("PublicAccessBlockConfiguration"));
    if (!block.isEmpty()) {
      clients.s3().putPublicAccessBlock(b -> b.bucket(name).publicAccessBlockConfiguration(c -> c
          .blockPublicAcls(isTrue(block.get("BlockPublicAcls")))
          .blockPublicPolicy(isTrue(block.get("BlockPublicPolicy")))
          .ignorePublicAcls(isTrue(block.get("IgnorePublicAcls")))
          .restrictPublicBuckets(isTrue(block.get("RestrictPublicBuckets")))));
    }
    List<LifecycleRule> rules = list(StackTemplate.map(p.get("LifecycleConfiguration")).get("Rules")).stream()
        .map(StackProvisioner::lifecycleRule)
        .toList();
    if (!rules.isEmpty()) {
      clients.s3().putBucketLifecycleConfiguration(l -> l.bucket(name).lifecycleConfiguration(c -> c.rules(rules)));
    }
    return new Physical(r.logicalId(), r.type(), name, "arn:aws:s3:::" + name, name);
  }

  /** Stored by moto, never executed: tests read it back as configuration. */
  private static LifecycleRule lifecycleRule(Map<String, Object> rule) {
    LifecycleRule.Builder b = LifecycleRule.builder()
        .id((String) rule.get("Id"))
        .status(String.valueOf(rule.getOrDefault("Status", "Enabled")))
        .filter(f -> f.prefix(String.valueOf(rule.getOrDefault("Prefix", ""))));
    if (rule.get("ExpirationInDays") != null) {
      b.expiration(e -> e.days(Integer.valueOf(String.valueOf(rule.get("ExpirationInDays")))));
    }
    Map<String, Object> noncurrent = StackTemplate.map(rule.get("NoncurrentVersionExpiration"));
    if (noncurrent.get("NoncurrentDays") != null) {
      b.noncurrentVersionExpiration(n -> n.noncurrentDays(Integer.valueOf(String.valueOf(noncurrent.get("NoncurrentDays")))));
    }
    Map<String, Object> abort = StackTemplate.map(rule.get("AbortIncompleteMultipartUpload"));
    if (abort.get("DaysAfterInitiation") != null) {
      b.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(Integer.valueOf(String.valueOf(abort.get("DaysAfterInitiation")))));
    }
    return b.build();
  }

  /** An EventBridge bus: {@code !Ref} is its name, {@code !GetAtt .Arn} its ARN (as CloudFormation). */
  private Physical createEventBus(Resource r, String stage, Intrinsics intrinsics) {
    String name = name(r, "Name", stage, intrinsics);
    String arn = clients.eventBridge().createEventBus(c -> c.name(name)).eventBusArn();
    return new Physical(r.logicalId(), r.type(), name, arn, name);
  }

  private Physical createTopic(Resource r, String stage, Intrinsics intrinsics) {
    Map<String, Object> p = props(r, intrinsics);
    boolean fifo = isTrue(p.get("FifoTopic"));
    String name = name(r, "TopicName", stage, intrinsics);
    String fullName = fifo && !name.endsWith(".fifo") ? name + ".fifo" : name;
    Map<String, String> attributes = new HashMap<>();
    if (fifo) {
      attributes.put("FifoTopic", "true");
    }
    String arn = clients.sns().createTopic(c -> c.name(fullName).attributes(attributes)).topicArn();
    return new Physical(r.logicalId(), r.type(), fullName, arn, arn);
  }

  private Physical createQueue(Resource r, String stage, Intrinsics intrinsics) {
    Map<String, Object> p = props(r, intrinsics);
    boolean fifo = isTrue(p.get("FifoQueue"));
    String name = name(r, "QueueName", stage, intrinsics);
    String fullName = fifo && !name.endsWith(".fifo") ? name + ".fifo" : name;
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    for (String numeric : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds")) {
      if (p.get(numeric) != null) {
        attributes.put(QueueAttributeName.fromValue(numeric), String.valueOf(p.get(numeric)));
      }
    }
    Map<String, Object> redrive = StackTemplate.map(p.get("RedrivePolicy"));
    if (!redrive.isEmpty()) {
      attributes.put(QueueAttributeName.REDRIVE_POLICY,
          "{\"deadLetterTargetArn\":\"" + redrive.get("deadLetterTargetArn") + "\",\"maxReceiveCount\":"
              + redrive.get("maxReceiveCount") + "}");
    }
    String url = clients.sqs().createQueue(c -> c.queueName(fullName).attributes(attributes)).queueUrl();
    String arn = clients.sqs().getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    return new Physical(r.logicalId(), r.type(), fullName, arn, url);
  }

  private Physical createSecret(Resource r, String stage, String value, Intrinsics intrinsics) {
    Map<String, Object> p = props(r, intrinsics);
    String name = name(r, "Name", stage, intrinsics);
    String secret = value;
    if (secret == null) {
      Object literal = p.get("SecretString");
      Object generated = StackTemplate.map(p.get("GenerateSecretString")).get("SecretStringTemplate");
      secret = literal != null ? String.valueOf(literal) : generated != null ? String.valueOf(generated) : "{}";
    }
    String secretString = secret;
    String arn = clients.secretsManager().createSecret(c -> c.name(name).secretString(secretString)).arn();
    return new Physical(r.logicalId(), r.type(), name, arn, arn);
  }
}
