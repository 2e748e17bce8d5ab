package io.pagorecon.aws;

import io.pagorecon.core.journal.JournalStore;
import io.pagorecon.core.payment.StorageException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link JournalStore} on the data bucket: one PutObject per invocation, under {@code journal/}. */
public final class S3JournalStore implements JournalStore {

  private final S3Client s3;
  private final String bucket;

  public S3JournalStore(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public void put(String key, byte[] jsonLines) {
    if (!key.startsWith("journal/")) {
      throw new IllegalArgumentException("journal keys live under journal/: " + key);
    }
    try {
      s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"), RequestBody.fromBytes(jsonLines));
    } catch (SdkException e) {
      throw new StorageException("data bucket: storing journal " + key + " failed", e);
    }
  }
}
