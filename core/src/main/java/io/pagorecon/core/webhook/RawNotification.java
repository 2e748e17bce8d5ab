package io.pagorecon.core.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A notification as it reached us, before anything is trusted: the exact body bytes (the signature
 * covers them), the headers with lower-cased names, when it arrived and the request id that
 * correlates logs, evidence and the answer.
 */
public record RawNotification(byte[] body, Map<String, String> headers, Instant receivedAt, String requestId) {

  public static final String SIGNATURE_HEADER = "pe-signature";

  public RawNotification {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(requestId, "requestId");
    body = body.clone();
    Map<String, String> lower = new TreeMap<>();
    headers.forEach((k, v) -> {
      if (k != null && v != null) {
        lower.put(k.toLowerCase(Locale.ROOT), v);
      }
    });
    headers = Map.copyOf(lower);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public int size() {
    return body.length;
  }

  public Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  /** The {@code PE-Signature} header, empty when absent or blank. */
  public Optional<String> signature() {
    return header(SIGNATURE_HEADER).filter(s -> !s.isBlank());
  }

  // Arrays compare by identity in records; two deliveries are equal when their bytes are.
  @Override
  public boolean equals(Object o) {
    return o instanceof RawNotification r
        && java.util.Arrays.equals(body, r.body)
        && headers.equals(r.headers)
        && receivedAt.equals(r.receivedAt)
        && requestId.equals(r.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(java.util.Arrays.hashCode(body), headers, receivedAt, requestId);
  }

  @Override
  public String toString() {
    return "RawNotification[" + body.length + " bytes, requestId=" + requestId + ", receivedAt=" + receivedAt + "]";
  }
}
