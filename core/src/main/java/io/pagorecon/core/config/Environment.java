package io.pagorecon.core.config;

import io.pagorecon.core.Stage;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads configuration variables once, at start-up, failing with a message that names the variable
 * (never its value when it may be secret). Production passes {@code System.getenv()}, tests a
 * {@code Map.of(...)}. Every function's Config record reads through this one class.
 */
public final class Environment {

  private final Map<String, String> env;

  public Environment(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
  }

  /** The value, or empty when unset or blank. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
  }

  /** A whole number within [min, max]; {@code defaultValue} when unset. */
  public long number(String name, long defaultValue, long min, long max) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    long v;
    try {
      v = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text.get() + "'", e);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + v);
    }
    return v;
  }

  public boolean flag(String name, boolean defaultValue) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(name + " must be true or false, was '" + text.get() + "'");
    }
  }

  public Stage stage(String name) {
    String text = required(name);
    return Stage.parse(text).orElseThrow(() -> new IllegalArgumentException(name + " must be sandbox or production, was '" + text + "'"));
  }

  /** A zone id, or empty when unset (e.g. the seller's own zone, Asia/Shanghai). */
  public Optional<ZoneId> optionalZone(String name) {
    return optional(name).map(text -> {
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(name + " is not a time zone id (e.g. Asia/Shanghai): '" + text + "'", e);
      }
    });
  }

  public ZoneId zone(String name, String defaultZone) {
    String text = optional(name).orElse(defaultZone);
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(name + " is not a time zone id: '" + text + "'", e);
    }
  }
}
