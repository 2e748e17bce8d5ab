package io.pagorecon.functions.doctor;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Runs the checks, in the order an integration fails: credentials, ip-allowlist, tls,
 * webhook-endpoint, clock-skew, daily-limit, pipeline. Nothing is changed anywhere; the one write
 * is the webhook probe, which the endpoint archives and never counts, and which a scheduled run
 * leaves out ({@code probeWebhook} false).
 */
public final class Doctor {

  private final GatewayChecks gateway;
  private final TlsCheck tls;
  private final WebhookCheck webhook;
  private final StackChecks stack;

  /** What a command passes in to build one. */
  public record Settings(Clock clock) {}

  /** Judged by the JVM's default trust store. */
  public Doctor(Clock clock) {
    this(clock, defaultContext());
  }

  private static SSLContext defaultContext() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context in this JVM", e);
    }
  }

  /** {@code verifying}: the trust endpoints are judged by (tests pass their own CA). */
  public Doctor(Clock clock, SSLContext verifying) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
        .sslContext(verifying).build();
    this.gateway = new GatewayChecks(http, clock);
    this.tls = new TlsCheck(verifying, clock);
    this.webhook = new WebhookCheck(http);
    this.stack = new StackChecks(clock);
  }

  public List<Finding> run(DoctorTarget target, boolean probeWebhook) {
    List<Finding> out = new ArrayList<>();
    GatewayChecks.Exchange x = gateway.authorize(target.pagoEfectivoBase(), target.credentials());
    out.add(GatewayChecks.credentials(x));
    out.add(GatewayChecks.ipAllowlist(x));
    Map<String, URI> endpoints = new LinkedHashMap<>();
    endpoints.put("PagoEfectivo", target.pagoEfectivoBase());
    target.webhookUrl().ifPresent(u -> endpoints.put("webhook", u));
    out.add(tls.check(endpoints));
    out.add(probeWebhook ? webhook.check(target.webhookUrl(), target.credentials().secretKey())
        : Finding.warn("webhook-endpoint", "not probed in a scheduled run (no writes)", "run ./pagorecon doctor --aws --webhook-url URL"));
    out.add(GatewayChecks.clockSkew(x, target.stack().flatMap(StackChecks::awsDate)));
    out.add(stack.dailyLimit(target.stack(), target.dailyLimit()));
    out.add(stack.pipeline(target.stack()));
    return out;
  }

  /**
   * Only {@code pipeline}: what the schedule at the statement deadline runs, so a statement that is
   * not published by then alerts that morning, not at the daily run.
   */
  public List<Finding> pipeline(DoctorTarget target) {
    return List.of(stack.pipeline(target.stack()));
  }

  /** 0 when no check failed, 1 otherwise (the command's exit code). */
  public static int exitCode(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.verdict() == Finding.Verdict.FAIL) ? 1 : 0;
  }
}
