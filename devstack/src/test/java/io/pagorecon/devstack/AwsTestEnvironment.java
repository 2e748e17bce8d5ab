package io.pagorecon.devstack;

import java.net.URI;
import java.util.Map;

/**
 * One test's view of the local AWS: the moto endpoint, the stack provisioned for it, and clients
 * for the test's own setup and assertions. Handlers under test get {@link #functionEnvironment}.
 */
public final class AwsTestEnvironment {

  private final MotoServer moto;
  private final LocalClients clients;
  private final ProvisionedStack stack;

  public AwsTestEnvironment(MotoServer moto, LocalClients clients, ProvisionedStack stack) {
    this.moto = moto;
    this.clients = clients;
    this.stack = stack;
  }

  public URI endpoint() {
    return moto.endpoint();
  }

  public ProvisionedStack stack() {
    return stack;
  }

  public LocalClients clients() {
    return clients;
  }

  /** Shorthand for {@code stack().ref(logicalId)}: table/bucket name, topic/secret ARN, queue URL. */
  public String ref(String logicalId) {
    return stack.ref(logicalId);
  }

  /** The environment the template gives that function, resolved to this stack. */
  public Map<String, String> functionEnvironment(String functionLogicalId) {
    return stack.functionEnvironment(functionLogicalId);
  }

  /** Replaces the value of a secret of the template (e.g. {@code PagoEfectivoSecret}). */
  public void putSecret(String secretLogicalId, String secretString) {
    clients.secretsManager().putSecretValue(p -> p.secretId(stack.arn(secretLogicalId)).secretString(secretString));
  }
}
