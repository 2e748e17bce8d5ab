package io.pagorecon.aws;

import io.pagorecon.core.daily.DailyFiles;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.payment.StorageException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link DailyFiles} on the data bucket: {@code statements/{stage}/{yyyy}/{mm}/{dd}/manifest.json}
 * + {@code statement.csv} and the {@code .csv} objects under {@code orders/{stage}/{yyyy}/{mm}/{dd}/}.
 * The CSVs are opened as S3 streams (never buffered whole), so a large export fits in the function.
 */
public final class S3DailyFiles implements DailyFiles {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3DailyFiles(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String ordersPrefix(String stage, LocalDate date) {
    return String.format("orders/%s/%04d/%02d/%02d/", stage, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  @Override
  public Optional<Statement> statement(LocalDate date) {
    String prefix = S3StatementStore.prefix(stage, date);
    byte[] manifest;
    try {
      manifest = s3.getObjectAsBytes(g -> g.bucket(bucket).key(prefix + "manifest.json")).asByteArray();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new StorageException("data bucket: reading " + prefix + "manifest.json failed", e);
    }
    return Optional.of(new Statement(uri(prefix + "manifest.json"), manifest, source(prefix + "statement.csv")));
  }

  @Override
  public List<ReconcileFiles.Source> orders(LocalDate date) {
    String prefix = ordersPrefix(stage, date);
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
        if (o.key().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
          keys.add(o.key());
        }
      }
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + prefix + " failed", e);
    }
    keys.sort(String::compareTo);
    return keys.stream().map(this::source).toList();
  }

  /** Key, ETag and size of every {@code .csv} under the date's orders prefix: any new, removed or rewritten export changes it. */
  @Override
  public Optional<String> ordersVersion(LocalDate date) {
    String prefix = ordersPrefix(stage, date);
    List<String> lines = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
        if (o.key().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
          lines.add(o.key() + " " + o.eTag() + " " + o.size());
        }
      }
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + prefix + " failed", e);
    }
    lines.sort(String::compareTo);
    return Optional.of(String.join("\n", lines));
  }

  @Override
  public String statementLocation(LocalDate date) {
    return uri(S3StatementStore.prefix(stage, date) + "manifest.json");
  }

  @Override
  public String ordersLocation(LocalDate date) {
    return uri(ordersPrefix(stage, date) + "*.csv");
  }

  private ReconcileFiles.Source source(String key) {
    return new ReconcileFiles.Source(uri(key), () -> {
      try {
        return s3.getObject(g -> g.bucket(bucket).key(key));
      } catch (SdkException e) {
        throw new IOException("data bucket: reading " + key + " failed", e);
      }
    });
  }

  private String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }
}
