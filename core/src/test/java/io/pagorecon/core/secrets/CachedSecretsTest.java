package io.pagorecon.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedSecretsTest {

  /** A clock the test moves by hand. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2024-01-15T15:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Returns version 1, 2, 3... of the secret, or fails when told to. */
  static final class CountingSource implements SecretSource {
    final List<String> loads = new ArrayList<>();
    boolean failNext;

    @Override
    public SecretFields fields(String secretId) {
      if (failNext) {
        failNext = false;
        throw new SecretUnavailableException("down", null);
      }
      loads.add(secretId);
      return new SecretFields(Map.of("secretKey", "v" + loads.size()));
    }
  }

  final MovingClock clock = new MovingClock();
  final CountingSource source = new CountingSource();
  final CachedSecrets secrets = new CachedSecrets(source, clock, Duration.ofSeconds(300));

  @Test
  void fields_shouldLoadOnce_whileWithinTtl() {
    secrets.fields("arn:1");
    clock.advance(Duration.ofSeconds(299));

    SecretFields second = secrets.fields("arn:1");

    assertEquals("v1", second.require("secretKey"));
    assertEquals(1, source.loads.size());
  }

  @Test
  void fields_shouldReload_whenTtlHasPassed() {
    secrets.fields("arn:1");
    clock.advance(Duration.ofSeconds(300));

    SecretFields reloaded = secrets.fields("arn:1");

    assertEquals("v2", reloaded.require("secretKey"));
    assertEquals(2, source.loads.size());
  }

  @Test
  void fields_shouldCacheEachSecretSeparately() {
    secrets.fields("arn:1");
    secrets.fields("arn:2");
    secrets.fields("arn:1");

    assertEquals(List.of("arn:1", "arn:2"), source.loads);
  }

  @Test
  void fields_shouldThrow_whenRefreshFailsAfterTtl() {
    secrets.fields("arn:1");
    clock.advance(Duration.ofMinutes(6));
    source.failNext = true;

    assertThrows(SecretUnavailableException.class, () -> secrets.fields("arn:1"));
    assertEquals("v2", secrets.fields("arn:1").require("secretKey"));
  }

  @Test
  void invalidate_shouldForceTheNextReadToLoad() {
    secrets.fields("arn:1");

    secrets.invalidate("arn:1");

    assertEquals("v2", secrets.fields("arn:1").require("secretKey"));
  }

  @Test
  void secretFields_toStringShouldNameFieldsButNeverValues() {
    SecretFields fields = new SecretFields(Map.of("secretKey", "s3cr3t", "accessKey", "AK"));

    assertEquals("SecretFields[accessKey, secretKey]", fields.toString());
    assertFalse(fields.toString().contains("s3cr3t"));
  }

  @Test
  void secretFields_requireShouldNameTheMissingField() {
    SecretFields fields = new SecretFields(Map.of("sandboxSecretKey", ""));

    SecretUnavailableException e = assertThrows(SecretUnavailableException.class, () -> fields.require("sandboxSecretKey"));
    assertTrue(e.getMessage().contains("sandboxSecretKey"));
    assertTrue(fields.get("sandboxSecretKey").isEmpty());
  }
}
