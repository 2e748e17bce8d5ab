package io.pagorecon.core.payment;

/** Infrastructure fault in a store (DynamoDB, S3): retryable, never bad input. */
public class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
