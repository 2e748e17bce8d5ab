package io.pagorecon.aws;

import io.pagorecon.core.daily.LookbackIndexStore;
import io.pagorecon.core.payment.StorageException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link LookbackIndexStore} on the data bucket: {@code lookback/{stage}/{yyyy}/{mm}/{dd}/orders.idx},
 * read with ranged GETs (only the header and keys whole, then the rows a run needs).
 */
public final class S3LookbackIndexStore implements LookbackIndexStore {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3LookbackIndexStore(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public static String key(String stage, LocalDate date) {
    return String.format("lookback/%s/%04d/%02d/%02d/orders.idx", stage, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  @Override
  public Optional<byte[]> read(LocalDate date, long offset, int length) {
    if (length <= 0) {
      return Optional.of(new byte[0]);
    }
    String key = key(stage, date);
    try {
      return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return Optional.of(new byte[0]);
      }
      throw new StorageException("data bucket: reading " + key + " failed", e);
    } catch (SdkException e) {
      throw new StorageException("data bucket: reading " + key + " failed", e);
    }
  }

  @Override
  public void put(LocalDate date, byte[] index) {
    String key = key(stage, date);
    try {
      s3.putObject(p -> p.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(index));
    } catch (SdkException e) {
      throw new StorageException("data bucket: writing " + key + " failed", e);
    }
  }
}
