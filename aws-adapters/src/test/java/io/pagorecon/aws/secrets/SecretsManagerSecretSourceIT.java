package io.pagorecon.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.secrets.SecretFields;
import io.pagorecon.core.secrets.SecretUnavailableException;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MotoStack
class SecretsManagerSecretSourceIT {

  @Test
  void fields_shouldReadTheTemplateSecretAsJsonFields(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "{\"accessKey\":\"AK\",\"secretKey\":\"SECRETKEYEXAMPLE\",\"idService\":1035,\"sandboxSecretKey\":null}");
    Map<String, String> env = aws.functionEnvironment("WebhookFunction");
    try (AwsClients clients = AwsClients.fromEnvironment(env)) {
      SecretFields fields = new SecretsManagerSecretSource(clients.secretsManager()).fields(env.get("PAGOEFECTIVO_SECRET_ARN"));

      assertThat(fields.require("accessKey")).isEqualTo("AK");
      assertThat(fields.require("secretKey")).isEqualTo("SECRETKEYEXAMPLE");
      assertThat(fields.require("idService")).isEqualTo("1035");
      assertThat(fields.get("sandboxSecretKey")).isEmpty();
    }
  }

  @Test
  void cachedSecrets_shouldServeTheCachedValueUntilTtl_thenTheRotatedOne(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "{\"secretKey\":\"SECRETKEYOLDEXAMPLE\"}");
    String arn = aws.stack().arn("PagoEfectivoSecret");
    Instant start = Instant.parse("2024-01-15T15:00:00Z");
    try (AwsClients clients = AwsClients.fromEnvironment(aws.functionEnvironment("WebhookFunction"))) {
      SecretsManagerSecretSource source = new SecretsManagerSecretSource(clients.secretsManager());
      CachedSecrets warm = new CachedSecrets(source, Clock.fixed(start, ZoneOffset.UTC), Duration.ofMinutes(5));
      CachedSecrets later = new CachedSecrets(source, Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO);
      warm.fields(arn);

      aws.putSecret("PagoEfectivoSecret", "{\"secretKey\":\"SECRETKEYNEWEXAMPLE\"}");

      assertThat(warm.fields(arn).require("secretKey")).isEqualTo("SECRETKEYOLDEXAMPLE");
      assertThat(later.fields(arn).require("secretKey")).isEqualTo("SECRETKEYNEWEXAMPLE");
    }
  }

  @Test
  void fields_shouldThrowWithoutLeakingTheValue_whenTheSecretIsNotJson(AwsTestEnvironment aws) {
    aws.putSecret("PagoEfectivoSecret", "not-json-s3cr3t");
    try (AwsClients clients = AwsClients.fromEnvironment(aws.functionEnvironment("WebhookFunction"))) {
      SecretsManagerSecretSource source = new SecretsManagerSecretSource(clients.secretsManager());

      assertThatThrownBy(() -> source.fields(aws.stack().arn("PagoEfectivoSecret")))
          .isInstanceOf(SecretUnavailableException.class)
          .hasMessageNotContaining("s3cr3t");
    }
  }

  @Test
  void fields_shouldThrowInfrastructureFault_whenTheSecretDoesNotExist(AwsTestEnvironment aws) {
    try (AwsClients clients = AwsClients.fromEnvironment(aws.functionEnvironment("WebhookFunction"))) {
      SecretsManagerSecretSource source = new SecretsManagerSecretSource(clients.secretsManager());

      assertThatThrownBy(() -> source.fields("arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf"))
          .isInstanceOf(SecretUnavailableException.class)
          .hasCauseInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
    }
  }
}
