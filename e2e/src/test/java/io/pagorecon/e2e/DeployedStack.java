package io.pagorecon.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.Map;

/** Where the deployed stack under test is: the stack's {@code WebhookUrl} output, from the environment. */
final class DeployedStack {

  static final String WEBHOOK_URL_VARIABLE = "PAGORECON_E2E_WEBHOOK_URL";
  private static final String NOT_CONFIGURED = "no deployed stack configured: set " + WEBHOOK_URL_VARIABLE
      + " to the stack's WebhookUrl output (aws cloudformation describe-stacks) to run the smoke tests";

  private DeployedStack() {}

  /** The webhook URL, or the test is skipped (not failed) with a message naming the variable. */
  static URI webhookUrl(Map<String, String> environment) {
    String url = environment.getOrDefault(WEBHOOK_URL_VARIABLE, "").strip();
    if (url.isEmpty()) {
      // printed (the e2e module does not redirect test output) so the build log says why nothing ran
      System.err.println("E2E SKIPPED: " + NOT_CONFIGURED);
    }
    assumeTrue(!url.isEmpty(), NOT_CONFIGURED);
    return URI.create(url);
  }
}
