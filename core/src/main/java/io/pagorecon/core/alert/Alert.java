package io.pagorecon.core.alert;

import java.util.Objects;

/**
 * An alert as it travels through SNS: a subject line and a markdown body readable as an email,
 * with the attributes subscription filters use.
 */
public record Alert(String subject, String body, Severity severity, String stage) {

  public Alert {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(stage, "stage");
  }

  public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    INFO;

    /** Lenient read of an SNS message attribute; INFO when absent or unknown. */
    public static Severity parse(String text) {
      if (text == null) {
        return INFO;
      }
      try {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return INFO;
      }
    }
  }
}
