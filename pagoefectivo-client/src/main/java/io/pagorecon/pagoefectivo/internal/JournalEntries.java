package io.pagorecon.pagoefectivo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pagorecon.core.journal.ApiCall;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the journal entry of one exchange: masked bodies, the ids PagoEfectivo returned, the CIPs involved. */
final class JournalEntries {

  /** Response headers that carry an id support can look up [assumed: names not documented, all such are kept]. */
  private static final Pattern ID_HEADER = Pattern.compile("(?i).*(request-?id|correlation|transaction-?id|trace-?id|operation-?id).*");
  private static final Pattern CIP_PATH = Pattern.compile("cips/([0-9]{1,14})$");

  private JournalEntries() {}

  static String operation(String method, String path) {
    if (path.startsWith("authorizations")) {
      return "authorize";
    }
    if (path.startsWith("cips/search")) {
      return "search";
    }
    switch (method) {
      case "PATCH": return "patch";
      case "DELETE": return "delete";
      default: return "create";
    }
  }

  static ApiCall entry(Instant at, long latencyMillis, String method, String path, String url, String requestId,
      byte[] request, int status, byte[] response, HttpHeaders headers, Optional<String> error) {
    Map<String, String> ids = new TreeMap<>();
    if (headers != null) {
      headers.map().forEach((name, values) -> {
        if (ID_HEADER.matcher(name).matches() && !values.isEmpty()) {
          ids.put(name.toLowerCase(Locale.ROOT), values.get(0));
        }
      });
    }
    Set<String> cips = new LinkedHashSet<>();
    Set<String> codes = new LinkedHashSet<>();
    Matcher m = CIP_PATH.matcher(path);
    if (m.find()) {
      cips.add(m.group(1));
    }
    collect(parse(request), cips, codes);
    collect(parse(response), cips, codes);
    return new ApiCall(at, operation(method, path), method, url, status, latencyMillis, requestId, ids,
        List.copyOf(cips), List.copyOf(codes), text(request), text(response), error);
  }

  private static Optional<String> text(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    return Optional.of(JournalMasking.mask(new String(body, StandardCharsets.UTF_8)));
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return Transport.JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static void collect(JsonNode n, Set<String> cips, Set<String> codes) {
    if (n == null) {
      return;
    }
    if (n.isArray()) {
      n.forEach(c -> collect(c, cips, codes));
      return;
    }
    if (!n.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey().toLowerCase(Locale.ROOT);
      JsonNode v = e.getValue();
      if (name.equals("cip") && v.isValueNode()) {
        Lenient.cip(v).ifPresent(cips::add);
      } else if (name.equals("transactioncode") && v.isTextual()) {
        codes.add(v.asText());
      } else if (v.isContainerNode()) {
        collect(v, cips, codes);
      }
    }
  }
}
