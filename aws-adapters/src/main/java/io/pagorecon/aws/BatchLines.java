package io.pagorecon.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One line of an evidence batch: {@code {"id":"...","metadata":{...},"body":"<base64 of the exact bytes>"}}
 * (metadata keys sorted, compact). jackson-core's streaming API only: ReconcileFunction's jar, which
 * reads old batches, carries no databind.
 */
final class BatchLines {

  private static final JsonFactory JSON = new JsonFactory();

  private BatchLines() {}

  static String write(String id, EvidenceItems.Evidence e) {
    StringWriter out = new StringWriter(e.body().length * 4 / 3 + 256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> m : new TreeMap<>(e.metadata()).entrySet()) {
        g.writeStringField(m.getKey(), m.getValue());
      }
      g.writeEndObject();
      g.writeStringField("body", Base64.getEncoder().encodeToString(e.body()));
      g.writeEndObject();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return out.toString();
  }

  static void read(String line, BiConsumer<String, EvidenceItems.Evidence> each) throws IOException {
    String id = "";
    String body = "";
    Map<String, String> meta = new TreeMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an evidence batch line is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            meta.put(key, p.getValueAsString(""));
          }
        } else if (field.equals("id")) {
          id = p.getValueAsString("");
        } else if (field.equals("body")) {
          body = p.getValueAsString("");
        } else {
          p.skipChildren();
        }
      }
    }
    each.accept(id, new EvidenceItems.Evidence(Base64.getDecoder().decode(body), meta));
  }
}
