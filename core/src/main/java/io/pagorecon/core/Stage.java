package io.pagorecon.core;

import java.util.Locale;
import java.util.Optional;

/** The PagoEfectivo environment a stack serves; sandbox and production never share data. */
public enum Stage {
  SANDBOX,
  PRODUCTION;

  /** Reads {@code sandbox} / {@code production} (any case); empty for anything else. */
  public static Optional<Stage> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "sandbox":
        return Optional.of(SANDBOX);
      case "production":
        return Optional.of(PRODUCTION);
      default:
        return Optional.empty();
    }
  }

  /** As written in the template parameter and in S3 keys. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
