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

  /** The key priming aims at; never written (see {@link #prime}). */
  public static final String PRIMING_KEY = "rejected/priming-only/never-written.json";

  private final S3Client s3;
  private final String bucket;

  public S3EvidenceStore(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /**
   * Runs the PutObject path once without writing anything, so a SnapStart snapshot holds it loaded:
   * a conditional put ({@code If-Match}) of a key that does not exist, which S3 refuses (404
   * NoSuchKey, or 412 if the key ever existed) before storing a byte. Returns the refusal's status
   * code; -1 if the put unexpectedly succeeded (it cannot: no object has that ETag).
   */
  public int prime(byte[] body) {
    PutObjectRequest request = PutObjectRequest.builder()
        .bucket(bucket)
        .key(PRIMING_KEY)
        .contentType("application/json")
        .metadata(Map.of("priming", "only"))
        .ifMatch("\"priming-only-never-an-etag\"")
        .build();
    try {
      s3.putObject(request, RequestBody.fromBytes(body));
      return -1;
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      return e.statusCode();
    }
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
