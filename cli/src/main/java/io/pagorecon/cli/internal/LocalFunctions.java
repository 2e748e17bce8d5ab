package io.pagorecon.cli.internal;

import io.pagorecon.devstack.http.LocalHttpApi;
import io.pagorecon.functions.webhook.CipNotificationWebhookHandler;
import io.pagorecon.functions.webhook.internal.WebhookWiring;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The template's HTTP functions hosted in this JVM, each wired exactly as its Lambda no-arg
 * constructor wires it, from the environment the template gives it; {@code clock} stamps receipt
 * times (the demo passes the simulator's, so they follow the simulated day).
 */
public final class LocalFunctions {

  private LocalFunctions() {}

  /** The route for a function logical id, or empty when that function is not hosted locally yet. */
  public static Optional<LocalHttpApi.Route> route(String logicalId, Map<String, String> env, Clock clock) {
    switch (logicalId) {
      case "WebhookFunction": {
        // The wiring's secret cache keeps real time; the handler stamps receipts with the given clock.
        WebhookWiring wiring = WebhookWiring.fromEnvironment(env, Clock.systemUTC());
        CipNotificationWebhookHandler handler = new CipNotificationWebhookHandler(wiring.ingest(), wiring.config().stage(), clock);
        return Optional.of((event, context) -> handler.handleRequest(event, null));
      }
      default:
        return Optional.empty();
    }
  }
}
