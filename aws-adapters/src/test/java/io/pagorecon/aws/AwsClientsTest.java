package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetUrlRequest;

class AwsClientsTest {

  private static final Map<String, String> LOCAL =
      Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "S3_FORCE_PATH_STYLE", "true");

  @Test
  void s3_shouldUseTheConfiguredEndpointWithPathStyle() {
    try (AwsClients clients = AwsClients.fromEnvironment(LOCAL)) {
      S3Client s3 = clients.s3();

      URL url = s3.utilities().getUrl(GetUrlRequest.builder().bucket("evidence").key("raw/x.json").build());

      assertThat(url.toString()).isEqualTo("http://127.0.0.1:4566/evidence/raw/x.json");
      assertThat(s3.serviceClientConfiguration().region().id()).isEqualTo("us-east-1");
    }
  }

  @Test
  void clients_shouldBeBuiltOncePerFactory() {
    try (AwsClients clients = AwsClients.fromEnvironment(LOCAL)) {
      assertThat(clients.dynamoDb()).isSameAs(clients.dynamoDb());
      assertThat(clients.secretsManager()).isSameAs(clients.secretsManager());
      assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride()).hasValueSatisfying(
          uri -> assertThat(uri.toString()).isEqualTo("http://127.0.0.1:4566"));
    }
  }

  @Test
  void callTimeout_shouldBeTheDefault_unlessGivenOtherTimeouts() {
    try (AwsClients functions = AwsClients.fromEnvironment(LOCAL);
        AwsClients bench = AwsClients.fromEnvironment(LOCAL, AwsClients.Timeouts.patient(java.time.Duration.ofMinutes(5)))) {
      assertThat(functions.timeouts()).isEqualTo(AwsClients.Timeouts.DEFAULT);
      assertThat(functions.dynamoDb().serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
          .contains(java.time.Duration.ofSeconds(15));
      assertThat(bench.dynamoDb().serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
          .contains(java.time.Duration.ofMinutes(5));
      assertThat(bench.timeouts().connect()).isEqualTo(AwsClients.Timeouts.DEFAULT.connect());
    }
    assertThatThrownBy(() -> AwsClients.Timeouts.patient(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A function that declares only dynamodb must still be able to use AwsClients. */
  @Test
  void dynamoDb_shouldWork_whenOtherServiceJarsAreAbsent() throws Exception {
    List<String> absent = List.of("software.amazon.awssdk.services.s3.", "software.amazon.awssdk.services.sns.",
        "software.amazon.awssdk.services.sqs.", "software.amazon.awssdk.services.secretsmanager.");
    try (URLClassLoader loader = new WithoutPackages(absent)) {
      Class<?> caller = loader.loadClass(DynamoDbOnlyFunction.class.getName());

      Object dynamoDb = caller.getMethod("useDynamoDb", Map.class).invoke(null, LOCAL);
      Method s3 = caller.getMethod("useS3", Map.class);

      assertThat(dynamoDb).asString().contains("DynamoDb");
      assertThatThrownBy(() -> s3.invoke(null, LOCAL))
          .isInstanceOf(InvocationTargetException.class)
          .cause().isInstanceOf(NoClassDefFoundError.class);
    }
  }

  /** Stands for a function's wiring code: plain calls, as a handler makes them. */
  public static final class DynamoDbOnlyFunction {
    public static String useDynamoDb(Map<String, String> env) {
      try (AwsClients clients = AwsClients.fromEnvironment(env)) {
        return clients.dynamoDb().getClass().getName();
      }
    }

    public static String useS3(Map<String, String> env) {
      try (AwsClients clients = AwsClients.fromEnvironment(env)) {
        return clients.s3().getClass().getName();
      }
    }
  }

  /** The test class path minus some packages, loaded apart from the test's own classes. */
  private static final class WithoutPackages extends URLClassLoader {
    private final List<String> absent;

    WithoutPackages(List<String> absent) throws MalformedURLException {
      super(classPath(), ClassLoader.getPlatformClassLoader());
      this.absent = absent;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (absent.stream().anyMatch(name::startsWith)) {
        throw new ClassNotFoundException(name + " (hidden by the test)");
      }
      return super.findClass(name);
    }

    private static URL[] classPath() throws MalformedURLException {
      String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      String[] entries = path.split(File.pathSeparator);
      URL[] urls = new URL[entries.length];
      for (int i = 0; i < entries.length; i++) {
        urls[i] = new File(entries[i]).toURI().toURL();
      }
      return Arrays.copyOf(urls, urls.length);
    }
  }
}
