package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.EvidenceStore;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** {@link EvidenceStore} on the data bucket: one PutObject of the exact bytes, metadata alongside. */
public final class S3EvidenceStore implements EvidenceStore {

  private final S3Client s3;
  private final String bucket;

  public S3EvidenceStore(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public void put(String key, byte[] body, Map<String, String> metadata) {
    PutObjectRequest request = PutObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .contentType("application/json")
        .metadata(metadata)
        .build();
    try {
      s3.putObject(request, RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw new StorageException("data bucket: storing evidence " + key + " failed", e);
    }
  }
}
