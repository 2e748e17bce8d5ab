package io.pagorecon.cli.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stack named by {@link StackTarget}, its names resolved: what {@code !Ref} gives for each
 * resource, the environment the template gives each function (as the function would get it in that
 * stack), and what an SDK client needs to reach it. Pure data: the same for a local and a deployed stack.
 *
 * @param description how messages name it, e.g. {@code CloudFormation stack pagorecon-sandbox (us-east-1)}
 * @param clientEnvironment {@code AWS_REGION}, and for a local stack {@code AWS_ENDPOINT_URL}, {@code S3_FORCE_PATH_STYLE}
 * @param refs resource logical id → what {@code !Ref} returns (table/bucket name, topic/secret ARN, queue URL)
 * @param functions function logical id → its environment variables, {@link #clientEnvironment} included
 * @param webhookUrl where PagoEfectivo's notifications go in that stack, when known
 */
public record ResolvedStack(
    String description,
    Map<String, String> clientEnvironment,
    Map<String, String> refs,
    Map<String, Map<String, String>> functions,
    Optional<URI> webhookUrl) {

  public ResolvedStack {
    clientEnvironment = Map.copyOf(clientEnvironment);
    refs = Map.copyOf(refs);
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    functions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    functions = Map.copyOf(copy);
  }

  /** What {@code !Ref logicalId} resolves to in this stack. */
  public String ref(String logicalId) {
    String value = refs.get(logicalId);
    if (value == null || value.isBlank()) {
      throw CliError.badInput(description, "has no resource " + logicalId,
          "deploy the current template.yaml to it (or restart ./pagorecon serve)");
    }
    return value;
  }

  /** The environment {@code functionLogicalId} gets in this stack. */
  public Map<String, String> functionEnvironment(String functionLogicalId) {
    Map<String, String> env = functions.get(functionLogicalId);
    if (env == null) {
      throw CliError.badInput(description, "has no function " + functionLogicalId,
          "deploy the current template.yaml to it (or restart ./pagorecon serve)");
    }
    return env;
  }
}
