package io.pagorecon.core.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal's file format: one JSON object per line, one line per call (docs/journal.md). The
 * same columns the Athena table declares; {@link #COLUMNS} is what a drift test compares.
 */
public final class JournalLines {

  /** A journaled call with the invocation it belonged to. */
  public record Line(String invocationId, String stage, ApiCall call) {}

  /** Every top-level field a line carries, in order. */
  public static final List<String> COLUMNS = List.of("at", "invocationId", "stage", "operation", "method", "url", "status",
      "latencyMs", "requestId", "gatewayIds", "cips", "transactionCodes", "requestBody", "responseBody", "error");

  private static final JsonFactory FACTORY = new JsonFactory();

  private JournalLines() {}

  public static byte[] write(String invocationId, String stage, List<ApiCall> calls) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 * Math.max(1, calls.size()));
    try {
      for (ApiCall c : calls) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
          g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
          g.writeStartObject();
          g.writeStringField("at", c.at().toString());
          g.writeStringField("invocationId", invocationId);
          g.writeStringField("stage", stage);
          g.writeStringField("operation", c.operation());
          g.writeStringField("method", c.method());
          g.writeStringField("url", c.url());
          g.writeNumberField("status", c.status());
          g.writeNumberField("latencyMs", c.latencyMillis());
          g.writeStringField("requestId", c.requestId());
          g.writeObjectFieldStart("gatewayIds");
          for (Map.Entry<String, String> e : new java.util.TreeMap<>(c.gatewayIds()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
          writeArray(g, "cips", c.cips());
          writeArray(g, "transactionCodes", c.transactionCodes());
          writeOptional(g, "requestBody", c.requestBody());
          writeOptional(g, "responseBody", c.responseBody());
          writeOptional(g, "error", c.error());
          g.writeEndObject();
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeOptional(JsonGenerator g, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    } else {
      g.writeNullField(name);
    }
  }

  /**
   * Reads a journal object back.
   *
   * @throws IllegalArgumentException naming the line when one is not a journal line
   */
  public static List<Line> read(byte[] jsonLines) {
    List<Line> out = new ArrayList<>();
    String[] lines = new String(jsonLines, StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        out.add(readLine(lines[i]));
      } catch (IOException | DateTimeParseException | IllegalStateException e) {
        throw new IllegalArgumentException("journal line " + (i + 1) + " is not a journal entry: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static Line readLine(String text) throws IOException {
    Map<String, Object> f = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
          Map<String, String> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            m.put(k, p.getValueAsString());
          }
          f.put(name, m);
        } else if (t == JsonToken.START_ARRAY) {
          List<String> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(p.getValueAsString());
          }
          f.put(name, l);
        } else if (t == JsonToken.VALUE_NULL) {
          f.put(name, null);
        } else if (t.isNumeric()) {
          f.put(name, p.getLongValue());
        } else {
          f.put(name, p.getValueAsString());
        }
      }
    }
    @SuppressWarnings("unchecked")
    ApiCall call = new ApiCall(Instant.parse(text(f, "at")), text(f, "operation"), text(f, "method"), text(f, "url"),
        (int) number(f, "status"), number(f, "latencyMs"), text(f, "requestId"),
        (Map<String, String>) f.getOrDefault("gatewayIds", Map.of()),
        (List<String>) f.getOrDefault("cips", List.of()),
        (List<String>) f.getOrDefault("transactionCodes", List.of()),
        Optional.ofNullable((String) f.get("requestBody")), Optional.ofNullable((String) f.get("responseBody")),
        Optional.ofNullable((String) f.get("error")));
    return new Line(text(f, "invocationId"), text(f, "stage"), call);
  }

  private static String text(Map<String, Object> f, String name) {
    Object v = f.get(name);
    if (!(v instanceof String s)) {
      throw new IllegalStateException("missing " + name);
    }
    return s;
  }

  private static long number(Map<String, Object> f, String name) {
    Object v = f.get(name);
    if (!(v instanceof Long l)) {
      throw new IllegalStateException("missing " + name);
    }
    return l;
  }
}
