package io.pagorecon.core.alert;

import java.util.Locale;
import java.util.Optional;

/** The language alerts are written in ({@code ALERT_LANGUAGE}); Chinese by default. */
public enum AlertLanguage {
  ZH,
  EN,
  ES;

  /** {@code zh}, {@code en}, {@code es} in any case; empty for anything else. */
  public static Optional<AlertLanguage> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "zh":
        return Optional.of(ZH);
      case "en":
        return Optional.of(EN);
      case "es":
        return Optional.of(ES);
      default:
        return Optional.empty();
    }
  }
}
