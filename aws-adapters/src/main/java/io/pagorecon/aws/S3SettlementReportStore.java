package io.pagorecon.aws;

import io.pagorecon.core.daily.SettlementReportStore;
import io.pagorecon.core.payment.StorageException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link SettlementReportStore} on the data bucket: {@code reports/{stage}/settlements/{yyyy}/{mm}/{name}} of the as-of date. */
public final class S3SettlementReportStore implements SettlementReportStore {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3SettlementReportStore(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String prefix(String stage, LocalDate asOf) {
    return String.format("reports/%s/settlements/%04d/%02d/", stage, asOf.getYear(), asOf.getMonthValue());
  }

  @Override
  public List<String> publish(LocalDate asOf, Map<String, byte[]> files) {
    String prefix = prefix(stage, asOf);
    List<String> where = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String key = prefix + f.getKey();
      String type = key.endsWith(".json") ? "application/json" : key.endsWith(".html") ? "text/html; charset=utf-8" : "text/csv; charset=utf-8";
      try {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(type), RequestBody.fromBytes(f.getValue()));
      } catch (SdkException e) {
        throw new StorageException("data bucket: writing " + key + " failed", e);
      }
      where.add("s3://" + bucket + "/" + key);
    }
    return where;
  }
}
