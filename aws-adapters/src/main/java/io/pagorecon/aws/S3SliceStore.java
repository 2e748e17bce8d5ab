package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.SlicePlan;
import io.pagorecon.core.statement.SliceStore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link SliceStore} on the data bucket, under {@code statement-runs/{stage}/{yyyy}/{mm}/{dd}/{runId}/}:
 * {@code plan.json}, {@code cips/NNNNN.txt} (one CIP a line), {@code parts/NNNNN.csv} and {@code
 * assembly.json}, the claim, created with {@code If-None-Match: *} so exactly one slice creates it.
 * S3 lists strongly consistently, so of two slices finishing together the later lister counts both
 * parts. Reconciliation never reads this prefix; the bucket's lifecycle expires it.
 */
public final class S3SliceStore implements SliceStore {

  private final S3Client s3;
  private final String bucket;
  private final String stage;

  public S3SliceStore(S3Client s3, String bucket, String stage) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /** The prefix of a run's working files. */
  public static String prefix(String stage, LocalDate date, String runId) {
    return String.format("statement-runs/%s/%04d/%02d/%02d/%s/", stage, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), runId);
  }

  @Override
  public void writePlan(SlicePlan plan, List<List<String>> sliceCips) {
    String prefix = prefix(stage, plan.businessDate(), plan.runId());
    for (int i = 0; i < sliceCips.size(); i++) {
      put(prefix + "cips/" + index(i) + ".txt", String.join("\n", sliceCips.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    put(prefix + "plan.json", plan.toJson());
  }

  @Override
  public SlicePlan plan(LocalDate businessDate, String runId) {
    String key = prefix(stage, businessDate, runId) + "plan.json";
    return SlicePlan.fromJson(get(key).orElseThrow(() -> new StorageException("data bucket: no plan at " + key, null)));
  }

  @Override
  public List<String> sliceCips(LocalDate businessDate, String runId, int slice) {
    String key = prefix(stage, businessDate, runId) + "cips/" + index(slice) + ".txt";
    String text = new String(get(key).orElseThrow(() -> new StorageException("data bucket: no slice at " + key, null)), StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
  }

  @Override
  public void writePart(LocalDate businessDate, String runId, int slice, byte[] part) {
    put(prefix(stage, businessDate, runId) + "parts/" + index(slice) + ".csv", part);
  }

  @Override
  public Optional<byte[]> part(LocalDate businessDate, String runId, int slice) {
    // listed first: without an unconditioned s3:ListBucket, a GET of a missing key is a 403, not a 404
    String key = prefix(stage, businessDate, runId) + "parts/" + index(slice) + ".csv";
    boolean exists;
    try {
      exists = s3.listObjectsV2(l -> l.bucket(bucket).prefix(key).maxKeys(1)).contents().stream().anyMatch(o -> o.key().equals(key));
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + key + " failed", e);
    }
    return exists ? get(key) : Optional.empty();
  }

  @Override
  public int partsWritten(LocalDate businessDate, String runId) {
    String prefix = prefix(stage, businessDate, runId) + "parts/";
    try {
      int count = 0;
      for (var page : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix))) {
        count += page.contents().size();
      }
      return count;
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing " + prefix + " failed", e);
    }
  }

  @Override
  public Claim claimAssembly(LocalDate businessDate, String runId, int slice) {
    String key = prefix(stage, businessDate, runId) + "assembly.json";
    try {
      s3.putObject(p -> p.bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
          RequestBody.fromString(claim(slice, false)));
      return Claim.MINE;
    } catch (S3Exception e) {
      if (e.statusCode() != 412) {
        throw new StorageException("data bucket: claiming " + key + " failed", e);
      }
    } catch (SdkException e) {
      throw new StorageException("data bucket: claiming " + key + " failed", e);
    }
    String held = new String(get(key).orElseThrow(() -> new StorageException("data bucket: " + key + " refused but absent", null)),
        StandardCharsets.UTF_8);
    if (held.contains("\"published\":true")) {
      return Claim.PUBLISHED;
    }
    return held.equals(claim(slice, false)) ? Claim.MINE : Claim.TAKEN;
  }

  @Override
  public void markPublished(LocalDate businessDate, String runId) {
    put(prefix(stage, businessDate, runId) + "assembly.json", "{\"published\":true}".getBytes(StandardCharsets.UTF_8));
  }

  private static String claim(int slice, boolean published) {
    return "{\"slice\":" + slice + ",\"published\":" + published + "}";
  }

  private static String index(int slice) {
    return String.format("%05d", slice);
  }

  private void put(String key, byte[] content) {
    try {
      s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw new StorageException("data bucket: writing " + key + " failed", e);
    }
  }

  private Optional<byte[]> get(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new StorageException("data bucket: reading " + key + " failed", e);
    }
  }
}
