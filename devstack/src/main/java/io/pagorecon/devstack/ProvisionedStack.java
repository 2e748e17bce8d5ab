package io.pagorecon.devstack;

import io.pagorecon.devstack.internal.Intrinsics;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link StackProvisioner} created: per logical id, the physical name, ARN and {@code Ref}
 * value, plus the environment each function of the template would get.
 */
public record ProvisionedStack(
    StackTemplate template,
    URI endpoint,
    String region,
    Map<String, String> parameters,
    Map<String, Physical> resources,
    Intrinsics intrinsics) {

  /** One resource as created locally. {@code ref} is what {@code !Ref} returns (name, ARN or URL by type). */
  public record Physical(String logicalId, String type, String name, String arn, String ref) {}

  public ProvisionedStack {
    parameters = Map.copyOf(parameters);
    resources = Map.copyOf(resources);
  }

  public Physical resource(String logicalId) {
    Physical p = resources.get(logicalId);
    if (p == null) {
      throw new IllegalArgumentException("resource " + logicalId + " was not provisioned; provisioned: " + resources.keySet());
    }
    return p;
  }

  public String name(String logicalId) {
    return resource(logicalId).name();
  }

  public String arn(String logicalId) {
    return resource(logicalId).arn();
  }

  /** What {@code !Ref logicalId} resolves to (table/bucket name, topic/secret ARN, queue URL). */
  public String ref(String logicalId) {
    return resource(logicalId).ref();
  }

  public String stage() {
    return parameters.get("Stage");
  }

  /**
   * The variables the template gives {@code functionLogicalId} (Globals, then its own), every
   * {@code !Ref}/{@code !Sub} resolved to the local names, plus what a client needs to reach this
   * stack: {@code AWS_REGION}, {@code AWS_ENDPOINT_URL} and {@code S3_FORCE_PATH_STYLE=true}.
   */
  public Map<String, String> functionEnvironment(String functionLogicalId) {
    Map<String, String> env = new LinkedHashMap<>();
    template.functionEnvironment(functionLogicalId).forEach((k, v) -> env.put(k, String.valueOf(intrinsics.resolve(v))));
    env.putAll(clientEnvironment());
    return env;
  }

  /**
   * {@link #functionEnvironment} plus what a separate process needs to reach moto with the default
   * credentials chain (dummy keys, no instance metadata): for a function run in a child JVM, e.g.
   * under the Lambda runtime interface client.
   */
  public Map<String, String> functionProcessEnvironment(String functionLogicalId) {
    Map<String, String> env = functionEnvironment(functionLogicalId);
    env.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  /** {@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code S3_FORCE_PATH_STYLE=true}: the only local differences. */
  public Map<String, String> clientEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", region);
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    env.put("S3_FORCE_PATH_STYLE", "true");
    return env;
  }
}
