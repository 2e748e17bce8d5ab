package io.pagorecon.devstack;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One moto server per JVM (closed when the test plan ends, with a shutdown hook as backstop);
 * before each test it resets moto and provisions the template again, so no test sees another's
 * data. Use it through {@link MotoStack}.
 *
 * <p>It also sets the system properties the SDK's default chains read ({@code aws.region},
 * {@code aws.accessKeyId}, {@code aws.secretAccessKey}, {@code aws.endpointUrl},
 * {@code aws.disableEc2Metadata}), so production code built with the default chain reaches moto
 * exactly as it reaches AWS through {@code AWS_ENDPOINT_URL} on Lambda.
 */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

  /** Closed by JUnit at the end of the run (root store values that are AutoCloseable). */
  private static final class Shared implements AutoCloseable {
    final MotoServer moto;
    final LocalClients clients;
    final StackTemplate template;

    Shared() {
      template = StackTemplate.locate();
      Path logDir = template.directory().resolve("target");
      moto = MotoServer.start(System.getenv(), logDir);
      clients = new LocalClients(moto.endpoint());
      System.setProperty("aws.region", LocalClients.REGION);
      System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
      System.setProperty("aws.endpointUrl", moto.endpoint().toString());
      System.setProperty("aws.disableEc2Metadata", "true");
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

  @Override
  public void beforeEach(ExtensionContext context) {
    Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
    MotoStack config = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), MotoStack.class)
        .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), MotoStack.class))
        .orElse(null);
    String stage = config == null ? "sandbox" : config.stage();
    shared.moto.reset();
    ProvisionedStack stack = new StackProvisioner(shared.template, shared.clients).provision(stage);
    context.getStore(NAMESPACE).put(AwsTestEnvironment.class, new AwsTestEnvironment(shared.moto, shared.clients, stack));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AwsTestEnvironment.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    AwsTestEnvironment env = context.getStore(NAMESPACE).get(AwsTestEnvironment.class, AwsTestEnvironment.class);
    if (env == null) {
      throw new IllegalStateException("AwsTestEnvironment is available to test methods only (provisioned before each test)");
    }
    return env;
  }
}
