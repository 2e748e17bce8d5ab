package io.pagorecon.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each secret for a TTL, so a warm function does not call Secrets Manager per request and a
 * rotation still lands without a redeploy. A failed refresh throws (nothing stale is served past
 * its TTL). Thread-safe; one load per secret at a time.
 */
public final class CachedSecrets implements SecretSource {

  private record Entry(SecretFields fields, Instant loadedAt) {}

  private final SecretSource source;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public CachedSecrets(SecretSource source, Clock clock, Duration ttl) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
  }

  @Override
  public SecretFields fields(String secretId) {
    Instant now = clock.instant();
    Entry entry = cache.get(secretId);
    if (entry != null && fresh(entry, now)) {
      return entry.fields();
    }
    return cache.compute(secretId, (id, current) -> current != null && fresh(current, now)
        ? current
        : new Entry(source.fields(id), now)).fields();
  }

  /** Drops a cached secret so the next read loads it again (e.g. after it was rotated). */
  public void invalidate(String secretId) {
    cache.remove(secretId);
  }

  private boolean fresh(Entry entry, Instant now) {
    return now.isBefore(entry.loadedAt().plus(ttl));
  }
}
