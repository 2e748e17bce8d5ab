package io.pagorecon.functions.webhook.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes one JSON object per line (CloudWatch parses them; a line is one event). Callers pass only
 * ids, codes and states: never secrets, bodies or payer data.
 */
public final class JsonLines {

  private static final JsonFactory JSON = new JsonFactory();

  private final PrintStream out;

  public JsonLines(PrintStream out) {
    this.out = out;
  }

  /** Values may be String, Number, Boolean or a nested Map (e.g. the EMF {@code _aws} block). */
  public void write(Map<String, ?> fields) {
    out.println(toJson(fields));
  }

  public static String toJson(Map<String, ?> fields) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      writeObject(g, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeObject(JsonGenerator g, Map<String, ?> fields) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue());
    }
    g.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      writeObject(g, (Map<String, ?>) m);
    } else if (v instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Integer || v instanceof Long) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(v.toString());
    }
  }
}
