package io.pagorecon.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One line of an evidence batch: {@code {"id":"...","metadata":{...},"body":"<base64 of the exact bytes>"}}.
 * Written by hand (keys sorted, compact), read with Jackson.
 */
final class BatchLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchLines() {}

  static String write(String id, EvidenceItems.Evidence e) {
    StringBuilder b = new StringBuilder(e.body().length * 4 / 3 + 256);
    b.append("{\"id\":");
    string(b, id);
    b.append(",\"metadata\":{");
    boolean first = true;
    for (Map.Entry<String, String> m : new TreeMap<>(e.metadata()).entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      string(b, m.getKey());
      b.append(':');
      string(b, m.getValue());
    }
    b.append("},\"body\":\"").append(Base64.getEncoder().encodeToString(e.body())).append("\"}");
    return b.toString();
  }

  static void read(String line, BiConsumer<String, EvidenceItems.Evidence> each) throws IOException {
    JsonNode n = JSON.readTree(line);
    Map<String, String> meta = new TreeMap<>();
    n.path("metadata").fields().forEachRemaining(f -> meta.put(f.getKey(), f.getValue().asText()));
    each.accept(n.path("id").asText(), new EvidenceItems.Evidence(Base64.getDecoder().decode(n.path("body").asText()), meta));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
