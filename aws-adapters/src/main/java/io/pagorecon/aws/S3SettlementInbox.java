package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.SettlementInbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link SettlementInbox} on the data bucket's {@code inbox/portal/} prefix (the portal exports the statement merges; Contract 3 settlement exports have their own {@code inbox/settlements/}). */
public final class S3SettlementInbox implements SettlementInbox {

  public static final String PREFIX = "inbox/portal/";
  /** Larger files are not settlement exports; they are skipped rather than loaded into memory. */
  static final long MAX_BYTES = 20L * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;

  public S3SettlementInbox(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public List<SettlementFile> files() {
    List<SettlementFile> files = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(PREFIX)).contents()) {
        if (o.key().endsWith("/") || o.size() > MAX_BYTES) {
          continue;
        }
        byte[] content = s3.getObjectAsBytes(g -> g.bucket(bucket).key(o.key())).asByteArray();
        files.add(new SettlementFile(o.key(), content));
      }
    } catch (SdkException e) {
      throw new StorageException("data bucket: reading " + PREFIX + " failed", e);
    }
    return files;
  }
}
