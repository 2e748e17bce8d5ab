package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The log scan's list is complete: every secret a source of this repository provisions is in {@link ExampleSecrets}. */
class ExampleSecretsTest {

  private final Path root = StackTemplate.locate().directory();

  /** Where a secret value is written: secret JSON fields, credentials, signing builders, SECRET constants (token-like values only). */
  private static final Pattern[] PROVISIONS = {
      Pattern.compile("\\\\?\"(?:secretKey|sandboxSecretKey|signingSecret|secret)\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9_+/=-]+)"),
      Pattern.compile("PagoEfectivoCredentials\\(\"[^\"]*\",\\s*\"([A-Za-z0-9_+/=-]+)\""),
      Pattern.compile("\\.(?:secretKey|sandboxSecretKey|signingSecret)\\(\"([A-Za-z0-9_+/=-]+)\"\\)"),
      Pattern.compile("String (?:\\w+_)?SECRET(?:_KEY)? = \"([A-Za-z0-9_+/=-]+)\""),
  };

  /**
   * moto's dummy AWS credentials (LocalClients: not a secret of ours, and a word too common to scan
   * for), and the field names of the PagoEfectivo secret that constants hold (SecretSigningSecrets).
   */
  private static final Set<String> NOT_SECRETS = Set.of(LocalClients.SECRET_KEY, "secretKey", "sandboxSecretKey");

  @Test
  void all_shouldListEverySecretTheSourcesProvision() throws IOException {
    Map<String, Path> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(ExampleSecretsTest::isSource).forEach(file -> {
        String text = read(file);
        for (Pattern p : PROVISIONS) {
          Matcher m = p.matcher(text);
          while (m.find()) {
            found.putIfAbsent(m.group(1), root.relativize(file));
          }
        }
      });
    }
    NOT_SECRETS.forEach(found::remove);

    assertThat(found).as("secret values provisioned in sources").hasSizeGreaterThan(5);
    found.forEach((value, file) -> assertThat(ExampleSecrets.all())
        .as("%s provisions a secret missing from ExampleSecrets (the log scan would not look for it)", file)
        .contains(value));
  }

  @Test
  void all_shouldHoldOnlyValuesLongEnoughToScanFor() {
    assertThat(ExampleSecrets.all()).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(7)).doesNotHaveDuplicates();
    assertThat(ExampleSecrets.pagoEfectivoSecretJson()).contains(ExampleSecrets.SECRET_KEY, ExampleSecrets.SANDBOX_SECRET_KEY);
  }

  private static boolean isSource(Path p) {
    String s = p.toString();
    return Files.isRegularFile(p) && !s.contains("/target/") && !s.contains("/.git/") && !s.contains("/node_modules/")
        && (s.endsWith(".java") || (s.endsWith(".json") && s.contains("/events/")));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
