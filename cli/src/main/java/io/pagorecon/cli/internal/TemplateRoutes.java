package io.pagorecon.cli.internal;

import io.pagorecon.devstack.StackTemplate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The HTTP API routes of template.yaml: {@code "POST /webhooks/pagoefectivo"} → function logical id. */
public final class TemplateRoutes {

  private TemplateRoutes() {}

  @SuppressWarnings("unchecked")
  public static Map<String, String> of(StackTemplate template) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (StackTemplate.Resource fn : template.resourcesOfType("AWS::Serverless::Function")) {
      Object events = fn.properties().get("Events");
      if (!(events instanceof Map<?, ?> byName)) {
        continue;
      }
      for (Object e : byName.values()) {
        if (e instanceof Map<?, ?> event && "HttpApi".equals(event.get("Type")) && event.get("Properties") instanceof Map<?, ?> p) {
          Object method = p.get("Method");
          Object path = p.get("Path");
          if (method != null && path != null) {
            routes.put(method.toString().toUpperCase(Locale.ROOT) + " " + path, fn.logicalId());
          }
        }
      }
    }
    return routes;
  }
}
