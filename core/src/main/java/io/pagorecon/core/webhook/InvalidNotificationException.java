package io.pagorecon.core.webhook;

import io.pagorecon.core.ErrorCode;

/** Bad input: the body is not an acceptable notification. Never retried; answered with a 400. */
public final class InvalidNotificationException extends Exception {

  private final ErrorCode code;
  private final String field;

  public InvalidNotificationException(ErrorCode code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public ErrorCode code() {
    return code;
  }

  /** The offending JSON path ({@code data.amount}), or null for a whole-body problem. */
  public String field() {
    return field;
  }
}
