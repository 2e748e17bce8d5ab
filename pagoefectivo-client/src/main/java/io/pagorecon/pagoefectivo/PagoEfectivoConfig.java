package io.pagorecon.pagoefectivo;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable client configuration. {@link #sandbox} and {@link #production} point at the real hosts
 * (docs/pagoefectivo.md, "API: environments"); tests point {@code baseUrl} at the simulator. Timeouts should stay
 * well under the calling function's timeout.
 */
public record PagoEfectivoConfig(
    URI baseUrl,
    PagoEfectivoCredentials credentials,
    Duration connectTimeout,
    Duration readTimeout,
    int maxConcurrency,
    double rateLimitPerSecond,
    RetryPolicy retry,
    Duration tokenRefreshMargin,
    int reversalStatusCode,
    String reversalStatusName,
    String acceptLanguage) {

  public static final URI SANDBOX = URI.create("https://pre1a.services.pagoefectivo.pe/v1/");
  public static final URI PRODUCTION = URI.create("https://services.pagoefectivo.pe/v1/");

  public PagoEfectivoConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
    Objects.requireNonNull(reversalStatusName, "reversalStatusName");
    Objects.requireNonNull(acceptLanguage, "acceptLanguage");
    if (!baseUrl.toString().endsWith("/")) {
      baseUrl = URI.create(baseUrl + "/");
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    if (rateLimitPerSecond < 0) {
      throw new IllegalArgumentException("rateLimitPerSecond must not be negative (0 = unlimited)");
    }
  }

  public static PagoEfectivoConfig sandbox(PagoEfectivoCredentials credentials) {
    return of(SANDBOX, credentials);
  }

  public static PagoEfectivoConfig production(PagoEfectivoCredentials credentials) {
    return of(PRODUCTION, credentials);
  }

  /**
   * Defaults: 3 s connect, 10 s read, 4 searches in flight, 10 calls a second, {@link
   * RetryPolicy#defaults()}, refresh 5 minutes before {@code tokenExpires}; a reversal reported as
   * status 24 or statusName "Extornado" [assumed, docs/pagoefectivo.md, "API: reversals"].
   */
  public static PagoEfectivoConfig of(URI baseUrl, PagoEfectivoCredentials credentials) {
    return new PagoEfectivoConfig(baseUrl, credentials, Duration.ofSeconds(3), Duration.ofSeconds(10), 4, 10,
        RetryPolicy.defaults(), Duration.ofMinutes(5), 24, "Extornado", "es-PE");
  }

  public PagoEfectivoConfig withTimeouts(Duration connect, Duration read) {
    return new PagoEfectivoConfig(baseUrl, credentials, connect, read, maxConcurrency, rateLimitPerSecond, retry,
        tokenRefreshMargin, reversalStatusCode, reversalStatusName, acceptLanguage);
  }

  public PagoEfectivoConfig withConcurrency(int max, double perSecond) {
    return new PagoEfectivoConfig(baseUrl, credentials, connectTimeout, readTimeout, max, perSecond, retry,
        tokenRefreshMargin, reversalStatusCode, reversalStatusName, acceptLanguage);
  }

  public PagoEfectivoConfig withRetry(RetryPolicy policy) {
    return new PagoEfectivoConfig(baseUrl, credentials, connectTimeout, readTimeout, maxConcurrency, rateLimitPerSecond,
        policy, tokenRefreshMargin, reversalStatusCode, reversalStatusName, acceptLanguage);
  }

  public PagoEfectivoConfig withReversal(int code, String name) {
    return new PagoEfectivoConfig(baseUrl, credentials, connectTimeout, readTimeout, maxConcurrency, rateLimitPerSecond,
        retry, tokenRefreshMargin, code, name, acceptLanguage);
  }
}
