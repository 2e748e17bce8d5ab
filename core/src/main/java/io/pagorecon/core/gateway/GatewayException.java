package io.pagorecon.core.gateway;

import java.util.List;
import java.util.Objects;

/** A failed call to PagoEfectivo, typed so callers can tell bad input from an outage. */
public final class GatewayException extends RuntimeException {

  public enum Kind {
    /** 111 with 112/113 items: our request had invalid or missing fields. Never retried. */
    VALIDATION,
    /** 508 token/service mismatch, 511 amount over the merchant's maximum, or another refusal. */
    REJECTED,
    /** 401 even after re-authenticating: the credentials are wrong. */
    UNAUTHORIZED,
    /** 5xx, 429, timeouts, connection failures or malformed answers, after the allowed retries. */
    UNAVAILABLE,
    /** A create was sent but no answer came back: the CIP may or may not exist. */
    OUTCOME_UNKNOWN
  }

  /** One item of PagoEfectivo's 111 wrapper: {@code code} 112 (required) or 113 (invalid). */
  public record FieldError(String field, String code, String message) {}

  private final Kind kind;
  private final String gatewayCode;
  private final int httpStatus;
  private final List<FieldError> fieldErrors;

  public GatewayException(Kind kind, String gatewayCode, int httpStatus, List<FieldError> fieldErrors, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.gatewayCode = gatewayCode;
    this.httpStatus = httpStatus;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public Kind kind() {
    return kind;
  }

  /** PagoEfectivo's {@code code} (e.g. "111", "508", "511", "166"), or null when none came back. */
  public String gatewayCode() {
    return gatewayCode;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
