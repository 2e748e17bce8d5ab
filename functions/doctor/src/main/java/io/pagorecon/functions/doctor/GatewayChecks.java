package io.pagorecon.functions.doctor;

import io.pagorecon.core.json.PlainJson;
import io.pagorecon.core.time.Timestamps;
import io.pagorecon.core.webhook.Signatures;
import io.pagorecon.pagoefectivo.PagoEfectivoCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ip-allowlist}, {@code credentials} and {@code clock-skew}, all read from one {@code POST
 * authorizations} (no side effect: a token is issued and dropped). How the answers are told apart
 * is in docs/doctor.md.
 */
final class GatewayChecks {

  static final Duration SKEW_WARN = Duration.ofSeconds(30);
  static final Duration SKEW_FAIL = Duration.ofSeconds(120);

  /** What one authorization attempt showed. */
  record Exchange(int status, Optional<Map<?, ?>> body, Optional<Instant> dateHeader, Instant sent, Instant received,
      Optional<String> failure) {}

  private final HttpClient http;
  private final Clock clock;

  GatewayChecks(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  Exchange authorize(URI base, PagoEfectivoCredentials creds) {
    String dateRequest = Timestamps.formatLima(clock.instant());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accessKey", creds.accessKey());
    if (creds.idService().matches("^[0-9]{1,18}$")) {
      body.put("idService", Long.parseLong(creds.idService()));
    } else {
      body.put("idService", creds.idService());
    }
    body.put("dateRequest", dateRequest);
    body.put("hashString", Signatures.hashString(creds.idService(), creds.accessKey(), creds.secretKey(), dateRequest));
    HttpRequest req = HttpRequest.newBuilder(base.resolve("authorizations")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("Accept", "application/json").header("Origin", "web")
        .POST(HttpRequest.BodyPublishers.ofString(PlainJson.write(body))).build();
    Instant sent = clock.instant();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      Instant received = clock.instant();
      Optional<Map<?, ?>> json;
      try {
        json = PlainJson.parse(r.body()) instanceof Map<?, ?> n ? Optional.of(n) : Optional.empty();
      } catch (IOException e) {
        json = Optional.empty();
      }
      Optional<Instant> date = r.headers().firstValue("date").flatMap(GatewayChecks::httpDate);
      return new Exchange(r.statusCode(), json, date, sent, received, Optional.empty());
    } catch (IOException e) {
      return new Exchange(0, Optional.empty(), Optional.empty(), sent, clock.instant(), Optional.of(e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exchange(0, Optional.empty(), Optional.empty(), sent, clock.instant(), Optional.of("interrupted"));
    }
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Finding ipAllowlist(Exchange x) {
    String check = "ip-allowlist";
    if (x.failure().isPresent()) {
      return Finding.fail(check, "PagoEfectivo could not be reached (" + x.failure().get() + ")",
          "check the network path and firewall to the API host; if it still fails, ask PagoEfectivo whether this address is allow-listed");
    }
    if (x.status() == 403) {
      return Finding.fail(check, "PagoEfectivo refused this address before authentication (HTTP 403)",
          "ask PagoEfectivo to allow-list the stack's egress address (the NAT gateway's Elastic IP) and this machine's");
    }
    return Finding.pass(check, "PagoEfectivo's API answered this address (HTTP " + x.status() + ")");
  }

  static Finding credentials(Exchange x) {
    String check = "credentials";
    if (x.failure().isPresent() || x.status() == 403) {
      return Finding.warn(check, "not checked: the authorization call did not reach the API",
          "fix ip-allowlist first, then run doctor again");
    }
    if (x.status() == 201 || x.status() == 200) {
      String code = x.body().map(b -> PlainJson.text(b, "code")).orElse("");
      String until = x.body().map(b -> PlainJson.text(b, "data", "tokenExpires")).orElse("");
      if (code.equals("100") && PlainJson.at(x.body().get(), "data", "token") != null) {
        return Finding.pass(check, "authorised (token valid until " + (until.isEmpty() ? "?" : until) + ")");
      }
      return Finding.fail(check, "the authorization answer has no token (HTTP " + x.status() + ", code " + code + ")",
          "send this output and the journal to PagoEfectivo support");
    }
    if (x.status() == 400) {
      Set<String> fields = new LinkedHashSet<>();
      x.body().map(b -> PlainJson.at(b, "data")).ifPresent(d -> {
        List<Object> items = new ArrayList<>();
        if (d instanceof List<?> l) {
          items.addAll(l);
        } else if (d instanceof Map<?, ?>) {
          items.add(d);
        }
        items.forEach(i -> fields.add(PlainJson.text(i, "field")));
      });
      if (fields.contains("accessKey")) {
        return Finding.fail(check, "accessKey refused: unknown, expired or disabled (PagoEfectivo answers the same for all three)",
            "check PAGOEFECTIVO_ACCESS_KEY / the secret's accessKey against the portal; ask PagoEfectivo whether the key is active");
      }
      if (fields.contains("idService")) {
        return Finding.fail(check, "idService refused: not a service of this access key",
            "check PAGOEFECTIVO_ID_SERVICE / the secret's idService against the portal");
      }
      if (fields.contains("dateRequest")) {
        return Finding.fail(check, "dateRequest refused: this machine's clock is too far from PagoEfectivo's",
            "sync the clock with NTP (see clock-skew)");
      }
      if (fields.contains("hashString")) {
        return Finding.fail(check, "hashString rejected while accessKey and idService were accepted: the secretKey is wrong",
            "copy the secretKey again from the portal into PAGOEFECTIVO_SECRET_KEY / the secret (sandbox and production keys differ)");
      }
      return Finding.fail(check, "authorization refused (HTTP 400, fields " + fields + ")",
          "send this output and the journal to PagoEfectivo support");
    }
    if (x.status() == 401) {
      return Finding.fail(check, "authorization refused (HTTP 401): the key may be disabled",
          "ask PagoEfectivo whether the access key is active");
    }
    return Finding.fail(check, "PagoEfectivo answered HTTP " + x.status() + " to the authorization",
        x.status() >= 500 ? "PagoEfectivo is failing: retry later, then contact support with the time of this run"
            : "send this output and the journal to PagoEfectivo support");
  }

  /**
   * Skew against PagoEfectivo's clock: its application's time ({@code tokenStart}, the clock that
   * judges {@code dateRequest}) when the answer has one, else the HTTP {@code Date} header.
   * Measured at the middle of the exchange; the answer's times have 1 s resolution.
   */
  static Finding clockSkew(Exchange x, Optional<Instant> awsDate) {
    String check = "clock-skew";
    Instant local = x.sent().plus(Duration.between(x.sent(), x.received()).dividedBy(2));
    Optional<Instant> tokenStart = x.body().map(b -> PlainJson.text(b, "data", "tokenStart"))
        .filter(s -> !s.isEmpty()).flatMap(GatewayChecks::offsetDate);
    Optional<Instant> gateway = tokenStart.or(x::dateHeader);
    List<String> parts = new ArrayList<>();
    Duration worst = Duration.ZERO;
    if (gateway.isPresent()) {
      Duration d = Duration.between(gateway.get(), local);
      parts.add("PagoEfectivo " + seconds(d) + (tokenStart.isPresent() ? " (tokenStart)" : " (Date header)"));
      worst = d.abs();
    }
    if (awsDate.isPresent()) {
      Duration d = Duration.between(awsDate.get(), local);
      parts.add("AWS " + seconds(d) + " (Date header)");
      worst = d.abs().compareTo(worst) > 0 ? d.abs() : worst;
    }
    if (parts.isEmpty()) {
      return Finding.warn(check, "not checked: no time came back from PagoEfectivo or AWS", "fix the checks above, then run doctor again");
    }
    String finding = "local clock vs " + String.join(", ", parts);
    if (worst.compareTo(SKEW_FAIL) > 0) {
      return Finding.fail(check, finding, "sync this machine's clock with NTP now: dateRequest is signed and PagoEfectivo refuses stale ones");
    }
    if (worst.compareTo(SKEW_WARN) > 0) {
      return Finding.warn(check, finding, "enable NTP (chrony/systemd-timesyncd) before the skew grows");
    }
    return Finding.pass(check, finding);
  }

  private static Optional<Instant> offsetDate(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return (s > 0 ? "+" : "") + s + " s";
  }
}
