package io.pagorecon.core.secrets;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** A secret's fields. {@link #toString()} names the fields only, so a secret cannot leak into a log line. */
public final class SecretFields {

  private final Map<String, String> values;

  public SecretFields(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The field, or empty when absent or blank. */
  public Optional<String> get(String field) {
    return Optional.ofNullable(values.get(field)).filter(v -> !v.isBlank());
  }

  /** The field; a missing or blank one is a configuration fault naming the field (never its value). */
  public String require(String field) {
    return get(field).orElseThrow(() -> new SecretUnavailableException("secret has no value for field '" + field + "'", null));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretFields other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "SecretFields" + new TreeSet<>(values.keySet());
  }
}
