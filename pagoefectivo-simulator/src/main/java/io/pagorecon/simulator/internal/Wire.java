package io.pagorecon.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The simulator's own wire helpers: Lima time, PagoEfectivo's date formats, JSON. */
public final class Wire {

  public static final ZoneId LIMA = ZoneId.of("America/Lima");
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  public static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  /** What the server reads: {@code T} or a space, offset with or without a colon. */
  private static final DateTimeFormatter IN =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .appendPattern("HH:mm:ss")
          .appendPattern("[XXX][XX]")
          .toFormatter(Locale.ROOT);

  private Wire() {}

  public static OffsetDateTime limaNow(Clock clock) {
    return OffsetDateTime.ofInstant(clock.instant(), LIMA).withNano(0);
  }

  public static OffsetDateTime toLima(OffsetDateTime t) {
    return t.atZoneSameInstant(LIMA).toOffsetDateTime();
  }

  public static String format(OffsetDateTime t) {
    return OUT.format(toLima(t));
  }

  public static Optional<OffsetDateTime> parseDate(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.trim(), IN));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** PagoEfectivo writes amounts without trailing zeros: 1.00 → 1, 22.50 → 22.5. */
  public static BigDecimal wireAmount(BigDecimal amount) {
    BigDecimal s = amount.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** Property names bound case-insensitively, as the .NET service does. */
  public static Map<String, JsonNode> caseInsensitive(JsonNode object) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
    return out;
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
