package io.pagorecon.core.files;

import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Which column of a seller's file holds each field of a canonical layout: configuration, not code
 * (docs/settlement.md). The same {@code column.<field>=Header} properties as {@link OrdersFormat},
 * plus what bank exports need: {@code value.<field>=constant} for a field the file does not carry
 * (a bank statement of a USD account has no currency column), {@code date_format} (a
 * DateTimeFormatter pattern, default ISO {@code yyyy-MM-dd}), {@code thousands_separator} (removed
 * from amounts) and {@code credits_only=true} (rows whose amount is zero or negative are debits and
 * are skipped).
 *
 * @param columns field to header name, for every field read from the file
 * @param values field to constant, for fields the file does not carry
 */
public record ColumnMapping(
    String name, Map<String, String> columns, Map<String, String> values, Optional<String> datePattern, Optional<String> thousandsSeparator, boolean creditsOnly) {

  public ColumnMapping {
    Objects.requireNonNull(name, "name");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(datePattern, "datePattern");
    Objects.requireNonNull(thousandsSeparator, "thousandsSeparator");
    datePattern.ifPresent(DateTimeFormatter::ofPattern);
  }

  /** Every field under its own name. */
  public static ColumnMapping canonical(List<String> fields) {
    Map<String, String> columns = new LinkedHashMap<>();
    fields.forEach(f -> columns.put(f, f));
    return new ColumnMapping("canonical", columns, Map.of(), Optional.empty(), Optional.empty(), false);
  }

  /**
   * A mapping from properties; fields not named keep their canonical name.
   *
   * @throws IllegalArgumentException naming the key when a setting is unknown or invalid
   */
  public static ColumnMapping fromProperties(String name, Properties p, List<String> fields) {
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.startsWith("column.") || key.startsWith("value.")) {
        String field = key.substring(key.indexOf('.') + 1);
        if (!fields.contains(field)) {
          throw new IllegalArgumentException(key + ": unknown field (fields: " + String.join(", ", fields) + ")");
        }
        (key.startsWith("column.") ? columns : values).put(field, value);
      } else if (!List.of("date_format", "thousands_separator", "credits_only").contains(key)) {
        throw new IllegalArgumentException(key + ": unknown setting");
      }
    }
    for (String f : fields) {
      if (!values.containsKey(f)) {
        columns.putIfAbsent(f, f);
      } else {
        columns.remove(f);
      }
    }
    String pattern = p.getProperty("date_format");
    try {
      return new ColumnMapping(name, columns, values, Optional.ofNullable(pattern).map(String::trim), Optional.ofNullable(p.getProperty("thousands_separator")),
          Boolean.parseBoolean(p.getProperty("credits_only", "false").trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("date_format: \"" + pattern + "\" is not a date pattern (e.g. dd/MM/yyyy)", e);
    }
  }
}
