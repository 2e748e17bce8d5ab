package io.pagorecon.core.secrets;

/** Where secrets live (Secrets Manager on AWS). A secret is a flat JSON object of string fields. */
public interface SecretSource {

  /**
   * The fields of the secret named {@code secretId} (a name or ARN).
   *
   * @throws SecretUnavailableException when the secret cannot be read or is not a JSON object
   */
  SecretFields fields(String secretId);
}
