package io.pagorecon.core.secrets;

/** A secret could not be read or is unusable: an infrastructure fault (5xx), never a caller error. */
public final class SecretUnavailableException extends RuntimeException {

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
