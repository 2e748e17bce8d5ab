package io.pagorecon.aws;

import io.pagorecon.core.daily.SettlementInputs;
import io.pagorecon.core.files.ReconcileFiles;
import io.pagorecon.core.payment.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link SettlementInputs} on the data bucket: the {@code .csv}/{@code .xlsx} objects under {@code
 * inbox/settlements/} (the portal's exports) and {@code inbox/bank/} (bank statements), the fee
 * contract {@code inbox/fees.csv} and the reference rates {@code inbox/rates.csv}. Objects are
 * opened as S3 streams.
 */
public final class S3SettlementInputs implements SettlementInputs {

  public static final String SETTLEMENTS_PREFIX = "inbox/settlements/";
  public static final String BANK_PREFIX = "inbox/bank/";
  public static final String FEES_KEY = "inbox/fees.csv";
  public static final String RATES_KEY = "inbox/rates.csv";

  private final S3Client s3;
  private final String bucket;

  public S3SettlementInputs(S3Client s3, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public List<ReconcileFiles.Source> settlementExports() {
    return list(SETTLEMENTS_PREFIX);
  }

  @Override
  public List<ReconcileFiles.Source> bankStatements() {
    return list(BANK_PREFIX);
  }

  @Override
  public Optional<ReconcileFiles.Source> feeContract() {
    return existing(FEES_KEY);
  }

  @Override
  public Optional<ReconcileFiles.Source> referenceRates() {
    return existing(RATES_KEY);
  }

  @Override
  public String location(String input) {
    switch (input) {
      case "settlements":
        return uri(SETTLEMENTS_PREFIX + "*");
      case "bank":
        return uri(BANK_PREFIX + "*");
      case "fees":
        return uri(FEES_KEY);
      case "rates":
        return uri(RATES_KEY);
      default:
        return uri("statements/");
    }
  }

  private List<ReconcileFiles.Source> list(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
        String k = o.key().toLowerCase(Locale.ROOT);
        if (k.endsWith(".csv") || k.endsWith(".xlsx")) {
          keys.add(o.key());
        }
      }
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + prefix + " failed", e);
    }
    keys.sort(String::compareTo);
    return keys.stream().map(this::source).toList();
  }

  /** Listed rather than HEAD-ed: without a bucket-wide ListBucket grant, S3 answers a missing key with 403, not 404. */
  private Optional<ReconcileFiles.Source> existing(String key) {
    try {
      boolean found = s3.listObjectsV2(l -> l.bucket(bucket).prefix(key).maxKeys(1)).contents().stream().anyMatch(o -> o.key().equals(key));
      return found ? Optional.of(source(key)) : Optional.empty();
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + key + " failed", e);
    }
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
