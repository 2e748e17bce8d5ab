package io.pagorecon.functions.doctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code tls}: for each HTTPS endpoint, the certificate's days to expiry (warn under 21), whether
 * the chain is trusted and whether it names the host, from a real handshake. The certificate is
 * first read without judging it, so an expired or untrusted one is still described.
 */
final class TlsCheck {

  static final int WARN_DAYS = 21;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SSLContext verifying;
  private final Clock clock;

  /** {@code verifying}: the trust the endpoints are judged by (the JVM's default in production). */
  TlsCheck(SSLContext verifying, Clock clock) {
    this.verifying = verifying;
    this.clock = clock;
  }

  Finding check(Map<String, URI> endpoints) {
    List<String> parts = new ArrayList<>();
    Finding.Verdict worst = Finding.Verdict.PASS;
    List<String> todo = new ArrayList<>();
    for (Map.Entry<String, URI> e : endpoints.entrySet()) {
      URI uri = e.getValue();
      String name = e.getKey() + " " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
      if (!"https".equalsIgnoreCase(uri.getScheme())) {
        parts.add(name + ": plain HTTP, no certificate");
        worst = max(worst, Finding.Verdict.WARN);
        todo.add("use https:// for " + e.getKey() + " (plain HTTP is only for the local simulator)");
        continue;
      }
      Outcome o = examine(uri);
      parts.add(name + ": " + o.text);
      worst = max(worst, o.verdict);
      if (o.verdict != Finding.Verdict.PASS) {
        todo.add(o.todo);
      }
    }
    if (parts.isEmpty()) {
      return Finding.warn("tls", "not checked: no endpoint given", "give --pagoefectivo-url and --webhook-url");
    }
    String finding = String.join("; ", parts);
    return new Finding("tls", worst, finding, todo.isEmpty() ? "nothing to do" : String.join("; ", todo));
  }

  private record Outcome(Finding.Verdict verdict, String text, String todo) {}

  private Outcome examine(URI uri) {
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : 443;
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) handshake(trustAll(), host, port, false)[0];
    } catch (IOException | GeneralSecurityException e) {
      return new Outcome(Finding.Verdict.FAIL, "no TLS handshake (" + e.getClass().getSimpleName() + ")",
          "check that " + host + ":" + port + " serves HTTPS");
    }
    Instant now = clock.instant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    LocalDate until = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
    long days = Duration.between(now, notAfter).toDays();
    if (now.isAfter(notAfter)) {
      return new Outcome(Finding.Verdict.FAIL, "certificate expired on " + until,
          "renew the certificate of " + host + " now: PagoEfectivo cannot deliver over an expired one");
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      return new Outcome(Finding.Verdict.FAIL, "certificate not valid before " + LocalDate.ofInstant(leaf.getNotBefore().toInstant(), ZoneOffset.UTC),
          "check the certificate of " + host + " and this machine's clock");
    }
    try {
      handshake(verifying, host, port, true);
    } catch (IOException | GeneralSecurityException e) {
      String why = String.valueOf(e.getMessage());
      boolean name = why.contains("No subject alternative") || why.contains("No name matching") || why.contains("hostname");
      return new Outcome(Finding.Verdict.FAIL, name ? "certificate does not name the host" : "certificate chain not trusted",
          name ? "issue a certificate whose subject alternative names include " + host
              : "install the full chain (leaf and intermediates) from a public CA on " + host);
    }
    String text = "valid until " + until + " (" + days + " days), chain trusted, host name matches";
    if (days < WARN_DAYS) {
      return new Outcome(Finding.Verdict.WARN, text, "renew the certificate of " + host + " before " + until);
    }
    return new Outcome(Finding.Verdict.PASS, text, "");
  }

  private static Certificate[] handshake(SSLContext context, String host, int port, boolean checkHostName)
      throws IOException, GeneralSecurityException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      SSLParameters p = socket.getSSLParameters();
      if (checkHostName) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
      }
      if (!host.matches("^[0-9.:]+$")) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
      socket.setSSLParameters(p);
      try {
        socket.startHandshake();
      } catch (SSLException e) {
        if (e.getCause() instanceof GeneralSecurityException g) {
          throw g;
        }
        throw e;
      }
      return socket.getSession().getPeerCertificates();
    }
  }

  /** Reads any certificate, to describe it; never used to decide whether it is trusted. */
  private static SSLContext trustAll() throws GeneralSecurityException {
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return c;
  }

  private static Finding.Verdict max(Finding.Verdict a, Finding.Verdict b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
