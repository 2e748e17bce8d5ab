package io.pagorecon.core.webhook;

/**
 * Port: the current signing keys, fed by the secret cache (Secrets Manager in production), so a
 * rotation lands without a redeploy.
 */
@FunctionalInterface
public interface SigningSecrets {

  /**
   * @throws io.pagorecon.core.payment.StorageException when the secret store cannot be reached
   */
  SigningKeys current();
}
