package io.pagorecon.core.webhook;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.secrets.SecretFields;
import io.pagorecon.core.secrets.SecretSource;
import io.pagorecon.core.secrets.SecretUnavailableException;
import java.util.Objects;

/**
 * {@link SigningSecrets} read from the PagoEfectivo secret ({@code secretKey}, optional {@code
 * sandboxSecretKey}; docs/data-model.md) through the secret cache. An unreadable secret is a
 * storage fault: the webhook answers 5xx and the retry lands.
 */
public final class SecretSigningSecrets implements SigningSecrets {

  public static final String SECRET_KEY = "secretKey";
  public static final String SANDBOX_SECRET_KEY = "sandboxSecretKey";

  private final SecretSource secrets;
  private final String secretId;

  public SecretSigningSecrets(SecretSource secrets, String secretId) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.secretId = Objects.requireNonNull(secretId, "secretId");
  }

  @Override
  public SigningKeys current() {
    try {
      SecretFields fields = secrets.fields(secretId);
      return new SigningKeys(fields.require(SECRET_KEY), fields.get(SANDBOX_SECRET_KEY));
    } catch (SecretUnavailableException e) {
      throw new StorageException("PagoEfectivo signing secret unavailable", e);
    }
  }
}
