package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI demo's entry point: a moto of its own (or the shared one) with the stack in it. */
class DevStackIT {

  @TempDir Path logs;

  @Test
  void start_shouldProvisionTheTemplateWithTheGivenSecret_andCloseShouldStopItsOwnMoto() {
    DevStack stack = DevStack.start(StackTemplate.locate(), "sandbox", Map.of("PagoEfectivoSecret", "{\"secretKey\":\"SECRETKEYEXAMPLE\"}"), logs);
    try (stack) {
      String secret = stack.clients().secretsManager()
          .getSecretValue(g -> g.secretId(stack.stack().arn("PagoEfectivoSecret"))).secretString();

      assertThat(secret).isEqualTo("{\"secretKey\":\"SECRETKEYEXAMPLE\"}");
      assertThat(stack.functionEnvironment("WebhookFunction")).containsEntry("AWS_ENDPOINT_URL", stack.moto().endpoint().toString());
    }
    if (System.getenv(MotoServer.ENDPOINT_VARIABLE) == null) {
      URI endpoint = stack.moto().endpoint();
      assertThatThrownBy(() -> endpoint.resolve("/moto-api/").toURL().openConnection().getInputStream())
          .isInstanceOf(IOException.class);
    }
  }
}
