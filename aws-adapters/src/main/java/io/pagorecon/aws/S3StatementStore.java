package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.StatementStore;
import java.time.LocalDate;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link StatementStore} on the data bucket: {@code statements/{stage}/{yyyy}/{mm}/{dd}/statement.csv}
 * then {@code manifest.json}. The manifest names the CSV's SHA-256, so a reader that finds a CSV
 * not matching the manifest (a run that died between the two writes) knows not to trust it.
 */
public final class S3StatementStore implements StatementStore {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3StatementStore(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String prefix(String stage, LocalDate date) {
    return String.format("statements/%s/%04d/%02d/%02d/", stage, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  @Override
  public void publish(LocalDate businessDate, byte[] statementCsv, byte[] manifestJson) {
    String prefix = prefix(stage, businessDate);
    put(prefix + "statement.csv", statementCsv, "text/csv; charset=utf-8");
    put(prefix + "manifest.json", manifestJson, "application/json");
  }

  private void put(String key, byte[] content, String contentType) {
    try {
      s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new StorageException("data bucket: writing " + key + " failed", e);
    }
  }
}
