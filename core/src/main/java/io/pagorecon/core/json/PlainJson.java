package io.pagorecon.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the functions' handlers read and write (their events and answers), with
 * jackson-core alone, so that a function jar needs no databind (docs/performance.md §9 "Jar sizes,
 * round two"). A value is a {@code Map} (an object, in
 * its order; the last of a repeated key wins), a {@code List}, a {@code String}, a {@link Scalar}
 * (number or boolean, as its text) or {@code null}.
 */
public final class PlainJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private PlainJson() {}

  /** A number or boolean: never a string. */
  public record Scalar(String text) {}

  /** The value {@code bytes} hold; null for no value or JSON null. */
  public static Object parse(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() == null) {
        return null;
      }
      return value(p); // what follows the first value is ignored, as databind's readTree does
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> m = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        m.put(name, value(p));
      }
      return m;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> l = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        l.add(value(p));
      }
      return l;
    }
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    return new Scalar(p.getText());
  }

  /** The value at {@code path} through objects, or null. */
  public static Object at(Object node, String... path) {
    Object n = node;
    for (String k : path) {
      n = n instanceof Map<?, ?> m ? m.get(k) : null;
    }
    return n;
  }

  /** The text of the string or scalar at {@code path}, else "". */
  public static String text(Object node, String... path) {
    Object n = at(node, path);
    return n instanceof String s ? s : n instanceof Scalar x ? x.text() : "";
  }

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as compact JSON. */
  public static String write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        write(g, x);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long n) {
      g.writeNumber(n);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v == null) {
      g.writeNull();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }
}
