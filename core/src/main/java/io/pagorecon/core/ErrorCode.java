package io.pagorecon.core;

/**
 * Stable error codes returned to callers ({@code {code, message, requestId}}) and listed in
 * docs/error-codes.md. A code never changes meaning; its message may.
 */
public enum ErrorCode {
  /** No {@code PE-Signature} header. */
  MISSING_SIGNATURE(401),
  /** The signature does not match the raw body under the stage's secret. */
  INVALID_SIGNATURE(401),
  /** The body was signed with the sandbox secret but arrived at the production stage. */
  SANDBOX_SIGNATURE(401),
  /** The body is not a JSON object (truncated, not UTF-8, duplicate keys, too deep). */
  MALFORMED_JSON(400),
  /** A required field is absent. */
  MISSING_FIELD(400),
  /** A field has the wrong type or an invalid value. */
  INVALID_FIELD(400),
  /** An amount that is not a decimal in currency units at scale 2. */
  INVALID_AMOUNT(400),
  /** The body is larger than the 64 KiB the webhook accepts. */
  PAYLOAD_TOO_LARGE(413),
  /** Only POST is routed to the webhook. */
  METHOD_NOT_ALLOWED(405),
  /** A CIP the system does not know. */
  UNKNOWN_CIP(404),
  /** An order the system does not know. */
  UNKNOWN_ORDER(404),
  /** The order exists with another amount or currency. */
  ORDER_CONFLICT(409),
  /** The order is paid already: no new CIP is issued. */
  ORDER_ALREADY_PAID(409),
  /** The order was cancelled: no CIP is issued for it any more. */
  ORDER_CANCELLED(409),
  /** A CIP is being created for the order, or its creation had an unknown outcome: retry later. */
  PAYMENT_IN_PROGRESS(409),
  /** The payment gateway refused or could not answer. */
  GATEWAY_ERROR(502),
  /** A CIP create was sent but no answer came back; the order is marked so a retry checks first. */
  GATEWAY_OUTCOME_UNKNOWN(504),
  /** DynamoDB, S3 or Secrets Manager failed: retry later. */
  STORAGE_UNAVAILABLE(503),
  /** A bug: logged with the request id. */
  INTERNAL_ERROR(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
