package io.pagorecon.simulator;

/** A fault the simulator can inject on {@code /v1} calls (docs/pagoefectivo.md, simulator item 20). */
public enum ApiFault {
  /** HTTP 500 with code 166. */
  SERVER_ERROR,
  /** HTTP 503 with no body. */
  SERVICE_UNAVAILABLE,
  /** HTTP 429 with no body (resilience tests only: real limits are unknown). */
  TOO_MANY_REQUESTS,
  /**
   * No answer, and nothing done: the connection is held, then closed without a response, before
   * the call is carried out (a create leaves no CIP).
   */
  TIMEOUT,
  /**
   * The answer is lost after the call is carried out: a create commits its CIP (it can be searched
   * and paid), then the connection is held and closed without a response, as when the network
   * drops PagoEfectivo's answer.
   */
  TIMEOUT_AFTER_COMMIT,
  /** The normal answer, after a delay. */
  SLOW,
  /** The normal answer cut in the middle of its JSON. */
  TRUNCATED_JSON,
  /** HTTP 200 with an HTML page instead of JSON, as a proxy would send. */
  WRONG_CONTENT_TYPE,
  /** HTTP 400 with code 508: the token does not match the service. */
  TOKEN_SERVICE_MISMATCH,
  /** HTTP 401 whatever the token: for "still 401 after re-authenticating". */
  UNAUTHORIZED,
  /**
   * HTTP 403 with a web server's HTML page, before any authentication: the caller's address is not
   * on the merchant's allow-list [assumed: the answer's exact form is not documented].
   */
  IP_NOT_ALLOWED
}
