package io.pagorecon.core.statement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One statement run cut into slices: every slice looks up a contiguous range of the day's CIPs (in
 * statement order), and the statement is published as of {@code generatedAt}, the planner's
 * "now", so it is the one a single build at that instant writes.
 *
 * @param queried the day's CIPs in all slices together
 */
public record SlicePlan(LocalDate businessDate, String runId, Instant generatedAt, int slices, int queried) {

  private static final JsonFactory FACTORY = new JsonFactory();

  public SlicePlan {
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(generatedAt, "generatedAt");
    if (!runId.matches("[0-9A-Za-z-]{1,40}")) {
      throw new IllegalArgumentException("runId must be 1-40 letters, digits or '-': " + runId);
    }
    if (slices < 1 || queried < 0) {
      throw new IllegalArgumentException("a plan needs at least one slice and a CIP count: " + slices + ", " + queried);
    }
  }

  /** The run id of a run planned at {@code now}: its epoch milliseconds (a planner retry is a new run). */
  public static String runIdAt(Instant now) {
    return Long.toString(now.toEpochMilli());
  }

  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("businessDate", businessDate.toString());
      g.writeStringField("runId", runId);
      g.writeStringField("generatedAt", generatedAt.toString());
      g.writeNumberField("slices", slices);
      g.writeNumberField("queried", queried);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static SlicePlan fromJson(byte[] json) {
    String date = null;
    String runId = null;
    String at = null;
    int slices = -1;
    int queried = -1;
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a plan is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "businessDate" -> date = p.getText();
          case "runId" -> runId = p.getText();
          case "generatedAt" -> at = p.getText();
          case "slices" -> slices = p.getIntValue();
          case "queried" -> queried = p.getIntValue();
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable plan: " + e.getMessage(), e);
    }
    if (date == null || runId == null || at == null) {
      throw new IllegalArgumentException("a plan names businessDate, runId and generatedAt");
    }
    return new SlicePlan(LocalDate.parse(date), runId, Instant.parse(at), slices, queried);
  }
}
