package io.pagorecon.aws;

import io.pagorecon.core.webhook.EvidenceKeys;
import io.pagorecon.core.webhook.EvidenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * {@link EvidenceStore} of the webhook: a verified notification ({@link EvidenceKeys#batched} key)
 * becomes an evidence item in the payments table, exported to the data bucket hourly by {@link
 * EvidenceArchive#exportDue}; anything else (rejected bodies, rare) is still one object each.
 */
public final class DynamoDbEvidenceStore implements EvidenceStore {

  private final EvidenceItems archive;
  private final EvidenceStore objects;
  private final Clock clock;

  public DynamoDbEvidenceStore(EvidenceItems archive, EvidenceStore objects, Clock clock) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void put(String key, byte[] body, Map<String, String> metadata) {
    if (EvidenceKeys.isBatched(key)) {
      archive.put(key, body, metadata, receivedAt(metadata));
    } else {
      objects.put(key, body, metadata);
    }
  }

  private Instant receivedAt(Map<String, String> metadata) {
    String at = metadata.get("received-at");
    if (at != null) {
      try {
        return Instant.parse(at);
      } catch (DateTimeParseException e) {
        return clock.instant();
      }
    }
    return clock.instant();
  }
}
