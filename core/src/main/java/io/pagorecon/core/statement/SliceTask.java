package io.pagorecon.core.statement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** One queued slice task: {@code {"businessDate":"2024-01-15","runId":"1705388400000","slice":3}}. */
public record SliceTask(LocalDate businessDate, String runId, int slice) {

  private static final JsonFactory FACTORY = new JsonFactory();

  public SliceTask {
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(runId, "runId");
    if (!runId.matches("[0-9A-Za-z-]{1,40}") || slice < 0) {
      throw new IllegalArgumentException("a slice task names a run id (letters, digits, '-') and a slice index from 0");
    }
  }

  public String toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("businessDate", businessDate.toString());
      g.writeStringField("runId", runId);
      g.writeNumberField("slice", slice);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException when the text is not a slice task */
  public static SliceTask parse(String json) {
    String date = null;
    String runId = null;
    int slice = -1;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a slice task is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "businessDate" -> date = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "runId" -> runId = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "slice" -> slice = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
          default -> throw new IllegalArgumentException("unknown field '" + name + "' in a slice task");
        }
      }
      if (date == null || runId == null) {
        throw new IllegalArgumentException("a slice task names its businessDate and runId as strings");
      }
      return new SliceTask(LocalDate.parse(date), runId, slice);
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a slice task: " + e.getMessage(), e);
    }
  }
}
