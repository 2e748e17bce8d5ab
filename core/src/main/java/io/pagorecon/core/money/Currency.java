package io.pagorecon.core.money;

import java.util.Locale;
import java.util.Optional;

/** The two currencies PagoEfectivo collects in. */
public enum Currency {
  PEN,
  USD;

  /** Reads a currency code case-insensitively; empty when it is not PEN or USD. */
  public static Optional<Currency> parse(String code) {
    if (code == null) {
      return Optional.empty();
    }
    switch (code.trim().toUpperCase(Locale.ROOT)) {
      case "PEN":
        return Optional.of(PEN);
      case "USD":
        return Optional.of(USD);
      default:
        return Optional.empty();
    }
  }
}
