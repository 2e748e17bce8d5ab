package io.pagorecon.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Issued bearer tokens: JWT-shaped (HS256, sub/jti/nameid/exp), opaque to clients. */
public final class Tokens {

  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final Random random;
  private final String key;

  public Tokens(long seed, String key) {
    this.random = new Random(seed ^ 0x5EEDL);
    this.key = key;
  }

  public synchronized String issue(String codeService, String idService, Instant expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String jti = new UUID(random.nextLong(), random.nextLong()).toString();
    String claims = "{\"sub\":\"" + codeService + "\",\"jti\":\"" + jti + "\",\"nameid\":\"" + idService
        + "\",\"exp\":" + expires.getEpochSecond() + "}";
    String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    String sig = b64.encodeToString(WebhookSender.sign(key, (header + "." + payload).getBytes(StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.US_ASCII));
    String token = header + "." + payload + "." + sig.substring(0, 43);
    expiries.put(token, expires);
    return token;
  }

  public boolean valid(String token, Instant now) {
    Instant exp = token == null ? null : expiries.get(token);
    return exp != null && now.isBefore(exp);
  }

  public void revokeAll() {
    expiries.clear();
  }
}
