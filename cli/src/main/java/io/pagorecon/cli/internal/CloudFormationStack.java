package io.pagorecon.cli.internal;

import io.pagorecon.devstack.StackTemplate;
import io.pagorecon.devstack.internal.Intrinsics;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * A deployed stack's names, read through CloudFormation: its parameters and outputs
 * ({@code DescribeStacks}) and the physical id of every resource ({@code ListStackResources}),
 * which is what {@code !Ref} gives for the template's tables, bucket, topics, queues and secrets;
 * an output that is a plain {@code !Ref} of a resource stands in for a resource not listed.
 * Each function's environment is the template's, its {@code !Ref}s and {@code !Sub}s resolved with
 * those values. Region and credentials come from the SDK's usual chains ({@code AWS_REGION},
 * {@code AWS_PROFILE}, ...); {@code AWS_ENDPOINT_URL} reaches an emulator instead of AWS.
 */
public final class CloudFormationStack {

  private static final List<String> UNUSABLE = List.of("CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_IN_PROGRESS",
      "DELETE_FAILED", "DELETE_COMPLETE", "CREATE_IN_PROGRESS", "REVIEW_IN_PROGRESS");

  private CloudFormationStack() {}

  /**
   * @param region {@code --region}, else {@code AWS_REGION} from {@code env}, else the SDK's chain
   * @param template the template the stack was deployed from (for the functions' environments)
   */
  public static ResolvedStack resolve(String stackName, Optional<String> region, Map<String, String> env, StackTemplate template) {
    Optional<String> regionName = region.or(() -> Optional.ofNullable(env.get("AWS_REGION"))).filter(s -> !s.isBlank());
    Optional<URI> endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()).map(URI::create);
    CloudFormationClientBuilder builder = CloudFormationClient.builder().httpClient(UrlConnectionHttpClient.create());
    regionName.map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    Stack stack;
    Map<String, String> physical = new LinkedHashMap<>();
    String resolvedRegion;
    try (CloudFormationClient cfn = builder.build()) {
      resolvedRegion = cfn.serviceClientConfiguration().region().id();
      try {
        stack = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
      } catch (CloudFormationException e) {
        if (e.statusCode() == 400 && String.valueOf(e.getMessage()).contains("does not exist")) {
          throw CliError.badInput("--stack-name " + stackName, "no such stack in " + resolvedRegion,
              "check the name (aws cloudformation list-stacks) and the region (--region or AWS_REGION)", e);
        }
        throw e;
      }
      String status = stack.stackStatusAsString();
      if (UNUSABLE.contains(status)) {
        throw CliError.badInput("--stack-name " + stackName, "the stack is " + status, "deploy it (sam deploy) and try again");
      }
      for (StackResourceSummary r : cfn.listStackResourcesPaginator(b -> b.stackName(stackName)).stackResourceSummaries()) {
        if (r.physicalResourceId() != null && !r.physicalResourceId().isBlank()) {
          physical.put(r.logicalResourceId(), r.physicalResourceId());
        }
      }
    } catch (SdkException e) {
      throw AwsErrors.describe("reading stack " + stackName + " from CloudFormation", e);
    }

    Map<String, String> parameters = new HashMap<>();
    stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
    Map<String, String> outputs = new HashMap<>();
    stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    // an output that is a plain !Ref of a resource names it too (e.g. PagoEfectivoSecretArn): used when the resource list lacks it
    template.outputs().forEach((name, definition) -> {
      if (definition instanceof Map<?, ?> o && o.get("Value") instanceof Map<?, ?> v && v.size() == 1 && v.get("Ref") instanceof String id
          && template.resource(id).isPresent() && outputs.containsKey(name)) {
        physical.putIfAbsent(id, outputs.get(name));
      }
    });
    String[] arn = stack.stackId().split(":");
    Map<String, String> pseudo = Map.of(
        "AWS::Region", resolvedRegion,
        "AWS::AccountId", arn.length > 4 ? arn[4] : "",
        "AWS::Partition", arn.length > 1 ? arn[1] : "aws",
        "AWS::StackName", stack.stackName(),
        "AWS::StackId", stack.stackId(),
        "AWS::URLSuffix", "amazonaws.com");
    Intrinsics intrinsics = new Intrinsics(
        ref -> {
          String v = parameters.containsKey(ref) ? parameters.get(ref) : physical.containsKey(ref) ? physical.get(ref) : pseudo.get(ref);
          if (v == null) {
            throw CliError.badInput("--stack-name " + stackName, "has no parameter or resource " + ref,
                "deploy the current template.yaml to it");
          }
          return v;
        },
        attribute -> {
          throw CliError.badInput("template.yaml", "Fn::GetAtt " + String.join(".", attribute) + " in a function's environment",
              "cannot be read from CloudFormation; use !Ref there");
        },
        template.conditions());

    Map<String, String> client = new LinkedHashMap<>();
    client.put("AWS_REGION", resolvedRegion);
    endpoint.ifPresent(e -> client.put("AWS_ENDPOINT_URL", e.toString()));
    Optional.ofNullable(env.get("S3_FORCE_PATH_STYLE")).ifPresent(v -> client.put("S3_FORCE_PATH_STYLE", v));
    Map<String, Map<String, String>> functions = new LinkedHashMap<>();
    for (StackTemplate.Resource fn : template.resourcesOfType("AWS::Serverless::Function")) {
      Map<String, String> fnEnv = new LinkedHashMap<>();
      try {
        template.functionEnvironment(fn.logicalId()).forEach((k, v) -> fnEnv.put(k, String.valueOf(intrinsics.resolve(v))));
      } catch (CliError unresolvable) {
        continue; // asking for this function's environment says the stack has none
      }
      fnEnv.putAll(client);
      functions.put(fn.logicalId(), fnEnv);
    }
    Map<String, String> refs = new LinkedHashMap<>(physical);
    return new ResolvedStack("CloudFormation stack " + stackName + " (" + resolvedRegion + ")", client, refs, functions,
        Optional.ofNullable(outputs.get("WebhookUrl")).map(URI::create));
  }
}
