package io.pagorecon.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * A whole local stack in one object, for the CLI demo and tools: a moto server (started, or reused
 * from {@code PAGORECON_MOTO_ENDPOINT}) with the template's resources created in it. The stack
 * always starts empty: a reused server is reset first. Closing it stops the moto server it started.
 */
public final class DevStack implements AutoCloseable {

  private final MotoServer moto;
  private final LocalClients clients;
  private final ProvisionedStack stack;

  private DevStack(MotoServer moto, LocalClients clients, ProvisionedStack stack) {
    this.moto = moto;
    this.clients = clients;
    this.stack = stack;
  }

  /**
   * @param template the stack definition ({@link StackTemplate#locate()} in the repository)
   * @param stage the template's {@code Stage} parameter
   * @param secretValues secret string per secret logical id (e.g. {@code PagoEfectivoSecret})
   * @param logDir where moto's output goes
   */
  public static DevStack start(StackTemplate template, String stage, Map<String, String> secretValues, Path logDir) {
    MotoServer moto = MotoServer.start(System.getenv(), logDir);
    LocalClients clients = new LocalClients(moto.endpoint());
    try {
      moto.reset();
      ProvisionedStack stack = new StackProvisioner(template, clients).provision(Map.of("Stage", stage), secretValues);
      return new DevStack(moto, clients, stack);
    } catch (RuntimeException e) {
      clients.close();
      moto.close();
      throw e;
    }
  }

  public MotoServer moto() {
    return moto;
  }

  public LocalClients clients() {
    return clients;
  }

  public ProvisionedStack stack() {
    return stack;
  }

  /** The environment the template gives that function, resolved to this stack. */
  public Map<String, String> functionEnvironment(String functionLogicalId) {
    return stack.functionEnvironment(functionLogicalId);
  }

  @Override
  public void close() {
    try {
      clients.close();
    } finally {
      moto.close();
    }
  }
}
