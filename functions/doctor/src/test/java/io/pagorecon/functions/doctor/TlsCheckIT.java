package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls} against local HTTPS endpoints whose certificates the JDK's keytool makes here. */
class TlsCheckIT {

  /** A self-signed certificate for 127.0.0.1 valid from {@code start} for {@code days}, by the JDK's keytool. */
  private static Path keystore(Path dir, String alias, String start, int days) throws Exception {
    Path ks = dir.resolve(alias + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-startdate", start, "-validity", Integer.toString(days),
        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    return ks;
  }

  private static KeyStore load(Path ks) throws Exception {
    KeyStore k = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(ks.toFile())) {
      k.load(in, "changeit".toCharArray());
    }
    return k;
  }

  private static HttpsServer https(Path ks) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(ks), "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    s.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    s.start();
    return s;
  }

  /** Trusts exactly the given certificates, as the JVM's trust store trusts public CAs. */
  private static SSLContext trusting(Path... stores) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (Path s : stores) {
      KeyStore k = load(s);
      String alias = k.aliases().nextElement();
      trust.setCertificateEntry(alias, k.getCertificate(alias));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void tls_shouldPass_warnUnder21Days_andFailExpiredOrUntrusted(@TempDir Path dir) throws Exception {
    Path good = keystore(dir, "good", "-1d", 365);
    Path soon = keystore(dir, "soon", "-1d", 10);
    Path expired = keystore(dir, "expired", "-10d", 2);
    Path stranger = keystore(dir, "stranger", "-1d", 365);
    HttpsServer goodServer = https(good);
    HttpsServer soonServer = https(soon);
    HttpsServer expiredServer = https(expired);
    HttpsServer strangerServer = https(stranger);
    try {
      TlsCheck tls = new TlsCheck(trusting(good, soon, expired), Clock.systemUTC());

      Finding pass = tls.check(Map.of("webhook", url(goodServer)));
      Finding warn = tls.check(Map.of("webhook", url(soonServer)));
      Finding fail = tls.check(Map.of("webhook", url(expiredServer)));
      Finding untrusted = tls.check(Map.of("webhook", url(strangerServer)));

      assertThat(pass.verdict()).as(pass.line()).isEqualTo(Finding.Verdict.PASS);
      assertThat(pass.finding()).contains("chain trusted, host name matches");
      assertThat(warn.verdict()).as(warn.line()).isEqualTo(Finding.Verdict.WARN);
      assertThat(warn.todo()).contains("renew");
      assertThat(fail.verdict()).as(fail.line()).isEqualTo(Finding.Verdict.FAIL);
      assertThat(fail.finding()).contains("certificate expired on " + LocalDate.now(java.time.ZoneOffset.UTC).minusDays(8));
      assertThat(untrusted.verdict()).as(untrusted.line()).isEqualTo(Finding.Verdict.FAIL);
      assertThat(untrusted.finding()).contains("chain not trusted");
    } finally {
      goodServer.stop(0);
      soonServer.stop(0);
      expiredServer.stop(0);
      strangerServer.stop(0);
    }
  }

  private static URI url(HttpsServer s) {
    return URI.create("https://127.0.0.1:" + s.getAddress().getPort() + "/webhooks/pagoefectivo");
  }

}
