package io.pagorecon.pagoefectivo;

import io.pagorecon.core.config.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client's deployment settings, read from a function's environment (template parameters): base
 * URL, timeouts, concurrency, rate and retries. Credentials are not here: they come from the secret
 * at first use. A bad value fails naming its variable.
 */
public record PagoEfectivoSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxConcurrency,
    double ratePerSecond, RetryPolicy retry) {

  public static final String BASE_URL = "PAGOEFECTIVO_BASE_URL";
  public static final String CONNECT_TIMEOUT_MS = "PAGOEFECTIVO_CONNECT_TIMEOUT_MS";
  public static final String READ_TIMEOUT_MS = "PAGOEFECTIVO_READ_TIMEOUT_MS";
  public static final String MAX_CONCURRENCY = "PAGOEFECTIVO_MAX_CONCURRENCY";
  public static final String RATE_PER_SECOND = "PAGOEFECTIVO_RATE_PER_SECOND";
  public static final String RETRY_ATTEMPTS = "PAGOEFECTIVO_RETRY_ATTEMPTS";
  public static final String RETRY_BASE_MS = "PAGOEFECTIVO_RETRY_BASE_MS";

  public static final List<String> KEYS =
      List.of(BASE_URL, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_CONCURRENCY, RATE_PER_SECOND, RETRY_ATTEMPTS, RETRY_BASE_MS);

  public PagoEfectivoSettings {
    Objects.requireNonNull(baseUrl, BASE_URL);
    Objects.requireNonNull(connectTimeout, CONNECT_TIMEOUT_MS);
    Objects.requireNonNull(readTimeout, READ_TIMEOUT_MS);
    Objects.requireNonNull(retry, RETRY_ATTEMPTS);
  }

  /** {@code stage} picks the default host (sandbox or production) when no base URL is set. */
  public static PagoEfectivoSettings fromEnvironment(Map<String, String> env, boolean production) {
    Environment vars = new Environment(env);
    URI base = vars.optional(BASE_URL).map(PagoEfectivoSettings::uri)
        .orElse(production ? PagoEfectivoConfig.PRODUCTION : PagoEfectivoConfig.SANDBOX);
    RetryPolicy defaults = RetryPolicy.defaults();
    RetryPolicy retry = new RetryPolicy((int) vars.number(RETRY_ATTEMPTS, defaults.maxAttempts(), 1, 10),
        Duration.ofMillis(vars.number(RETRY_BASE_MS, defaults.baseDelay().toMillis(), 0, 60_000)), defaults.maxDelay(), defaults.jitter());
    return new PagoEfectivoSettings(base,
        Duration.ofMillis(vars.number(CONNECT_TIMEOUT_MS, 3000, 1, 60_000)),
        Duration.ofMillis(vars.number(READ_TIMEOUT_MS, 10_000, 1, 120_000)),
        (int) vars.number(MAX_CONCURRENCY, 4, 1, 64),
        vars.number(RATE_PER_SECOND, 10, 0, 1000),
        retry);
  }

  public PagoEfectivoConfig toConfig(PagoEfectivoCredentials credentials) {
    return PagoEfectivoConfig.of(baseUrl, credentials).withTimeouts(connectTimeout, readTimeout)
        .withConcurrency(maxConcurrency, ratePerSecond).withRetry(retry);
  }

  private static URI uri(String text) {
    try {
      URI u = URI.create(text);
      if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
        throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL, was '" + text + "'");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL, was '" + text + "'", e);
    }
  }
}
