package io.pagorecon.aws;

import io.pagorecon.core.daily.ReportStore;
import io.pagorecon.core.payment.StorageException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link ReportStore} on the data bucket: {@code reports/{stage}/{yyyy}/{mm}/{dd}/discrepancies.csv} and {@code summary.json}. */
public final class S3ReportStore implements ReportStore {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3ReportStore(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String prefix(String stage, LocalDate date) {
    return String.format("reports/%s/%04d/%02d/%02d/", stage, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  @Override
  public List<String> publish(LocalDate date, byte[] discrepanciesCsv, byte[] summaryJson) {
    String prefix = prefix(stage, date);
    put(prefix + "discrepancies.csv", discrepanciesCsv, "text/csv; charset=utf-8");
    put(prefix + "summary.json", summaryJson, "application/json");
    return List.of("s3://" + bucket + "/" + prefix + "discrepancies.csv", "s3://" + bucket + "/" + prefix + "summary.json");
  }

  private void put(String key, byte[] content, String contentType) {
    try {
      s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new StorageException("data bucket: writing " + key + " failed", e);
    }
  }
}
