package io.pagorecon.core.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP exchange with PagoEfectivo, as journaled: what support asks for (time, URL, status, our
 * request id, every id PagoEfectivo returned) and the bodies, already masked by whoever built the
 * record (no token, hashString, key, email, document number, name or phone ever reaches here).
 *
 * @param operation {@code authorize}, {@code create}, {@code search}, {@code patch} or {@code delete}
 * @param status the HTTP status; 0 when no answer came (timeout, connection failure)
 * @param requestId the id we sent with the call ({@code X-Request-Id})
 * @param gatewayIds response headers that carry PagoEfectivo's own request, correlation or
 *     transaction ids, lower-cased names
 * @param cips the CIP numbers the call was about (path, request or answer)
 * @param transactionCodes the transaction codes (order ids) in the request or answer
 * @param error why the call failed on our side (timeout, I/O), empty when an answer came
 */
public record ApiCall(
    Instant at,
    String operation,
    String method,
    String url,
    int status,
    long latencyMillis,
    String requestId,
    Map<String, String> gatewayIds,
    List<String> cips,
    List<String> transactionCodes,
    Optional<String> requestBody,
    Optional<String> responseBody,
    Optional<String> error) {

  public ApiCall {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(requestId, "requestId");
    gatewayIds = Map.copyOf(gatewayIds);
    cips = List.copyOf(cips);
    transactionCodes = List.copyOf(transactionCodes);
    Objects.requireNonNull(requestBody, "requestBody");
    Objects.requireNonNull(responseBody, "responseBody");
    Objects.requireNonNull(error, "error");
  }
}
