package io.pagorecon.core.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * The keys a notification may be signed with: the stage's {@code secretKey}, and on production
 * optionally the sandbox one, only to recognise (and reject) sandbox data. Never printed.
 */
public record SigningKeys(String secretKey, Optional<String> sandboxSecretKey) {

  public SigningKeys {
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(sandboxSecretKey, "sandboxSecretKey");
    if (secretKey.isBlank()) {
      throw new IllegalArgumentException("secretKey is blank");
    }
    sandboxSecretKey = sandboxSecretKey.filter(s -> !s.isBlank());
  }

  @Override
  public String toString() {
    return "SigningKeys[secretKey=***, sandboxSecretKey=" + (sandboxSecretKey.isPresent() ? "***" : "none") + "]";
  }
}
