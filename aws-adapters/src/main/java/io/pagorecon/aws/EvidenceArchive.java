package io.pagorecon.aws;

import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.EvidenceKeys;
import io.pagorecon.core.webhook.Signatures;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The raw evidence of verified notifications (docs/data-model.md, "Evidence"): each is first an
 * evidence item in the payments table ({@code pk} = {@code EVIDENCE#} + its hourly batch object's key,
 * {@code sk} = the record id), written by the webhook before the fact; the sync job's run exports every
 * complete hour to one gzip JSON-lines object of the data bucket ({@link #exportDue}), where the
 * bucket's lifecycle keeps it ≥ 90 days (RetentionDays). The items expire after {@link EvidenceItems#ITEM_RETENTION}, long after
 * their hour was exported. {@link #read} finds a record in either place.
 */
public final class EvidenceArchive {

  /** An hour is exported once this long has passed since its end (a webhook invocation lasts seconds). */
  public static final Duration SETTLE = Duration.ofMinutes(5);
  /** Each run (every 10 minutes) exports the complete hours that ended within this window and are not exported yet. */
  public static final Duration EXPORT_WINDOW = Duration.ofHours(24);

  static final String SHA256_METADATA = "records-sha256";

  private final EvidenceItems items;
  private final S3Client s3;
  private final String bucket;

  public EvidenceArchive(DynamoDbClient dynamoDb, String table, S3Client s3, String bucket) {
    this.items = new EvidenceItems(dynamoDb, table);
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** The evidence items this archive exports. */
  public EvidenceItems items() {
    return items;
  }

  /** The stored notification under {@code key}: a batched record (its item, else its hour's object) or a whole object. */
  public Optional<EvidenceItems.Evidence> read(String key) {
    if (!EvidenceKeys.isBatched(key)) {
      return object(key);
    }
    String batch = EvidenceItems.batchOf(key);
    String id = EvidenceItems.idOf(key);
    Optional<EvidenceItems.Evidence> item = items.get(key);
    if (item.isPresent()) {
      return item;
    }
    Map<String, EvidenceItems.Evidence> exported = new LinkedHashMap<>();
    readBatch(batch, exported::put);
    return Optional.ofNullable(exported.get(id));
  }

  /** Every record of an exported hour, from its batch object (nothing when the hour had none). */
  public void readBatch(String batch, BiConsumer<String, EvidenceItems.Evidence> each) {
    if (exists(batch)) {
      readListedBatch(batch, each);
    }
  }

  /**
   * The batch objects exported for one UTC day (at most 24), by one listing of the day's prefix: a
   * reader of many hours lists each day once instead of each hour.
   */
  public Set<String> batchesOf(Stage stage, LocalDate utcDay) {
    String prefix = EvidenceKeys.batchDay(stage, utcDay);
    Set<String> keys = new HashSet<>();
    try {
      String token = null;
      do {
        String after = token;
        ListObjectsV2Response page = s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix).continuationToken(after));
        page.contents().forEach(o -> keys.add(o.key()));
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing the evidence batches under " + prefix + " failed", e);
    }
    return keys;
  }

  /** Every record of a batch object a listing ({@link #batchesOf}) showed. */
  public void readListedBatch(String batch, BiConsumer<String, EvidenceItems.Evidence> each) {
    Optional<byte[]> gz = bytes(batch);
    if (gz.isEmpty()) {
      return;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gz.get())),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        BatchLines.read(line, each);
      }
    } catch (IOException e) {
      throw new StorageException("data bucket: reading the evidence batch " + batch + " failed", e);
    }
  }

  /** What one export did: the hour's object, its records, and whether it was written (false: already exported, unchanged). */
  public record Exported(String batch, int records, boolean written) {}

  /**
   * Exports every complete hour that ended between {@link #EXPORT_WINDOW} and {@link #SETTLE} ago and
   * has no batch object yet: an hour is complete once it ended {@link #SETTLE} ago (a webhook
   * invocation lasts seconds), so an exported hour is final and later runs only HEAD it. The long
   * window lets a day of failed runs catch up long before the items expire.
   */
  public List<Exported> exportDue(Stage stage, Instant now) {
    List<Exported> out = new ArrayList<>();
    Instant lastEnd = now.minus(SETTLE).truncatedTo(ChronoUnit.HOURS);
    for (Instant end = lastEnd; end.isAfter(now.minus(EXPORT_WINDOW)); end = end.minus(Duration.ofHours(1))) {
      String batch = EvidenceKeys.batchObject(stage, end.minus(Duration.ofHours(1)));
      out.add(exists(batch) ? new Exported(batch, 0, false) : export(batch));
    }
    return out;
  }

  /**
   * Writes the hour's records as one gzip JSON-lines object, sorted by id, unless the object already
   * holds exactly these records (its {@code records-sha256} metadata): running it again costs a
   * Query, a listing and a HEAD, never a second copy. An hour without records writes an empty object.
   */
  public Exported export(String batch) {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    int[] count = {0};
    items.forEach(batch, (id, e) -> {
      lines.writeBytes(BatchLines.write(id, e).getBytes(StandardCharsets.UTF_8));
      lines.write('\n');
      count[0]++;
    });
    // an hour without records is exported too (an empty object): a batch that is missing always means "not exported yet"
    byte[] plain = lines.toByteArray();
    String sha = Signatures.sha256Hex(plain);
    if (exists(batch) && sha.equals(storedSha(batch).orElse(""))) {
      return new Exported(batch, count[0], false);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(gz)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      s3.putObject(p -> p.bucket(bucket).key(batch).contentType("application/x-ndjson").contentEncoding("gzip")
          .metadata(Map.of(SHA256_METADATA, sha, "records", Integer.toString(count[0]))), RequestBody.fromBytes(gz.toByteArray()));
    } catch (SdkException e) {
      throw new StorageException("data bucket: writing the evidence batch " + batch + " failed", e);
    }
    return new Exported(batch, count[0], true);
  }

  /**
   * Whether the batch object exists, by listing its key: without an unconditional s3:ListBucket grant
   * S3 answers a HEAD or GET of a missing key with 403, not 404, and the functions are granted listing
   * under {@code evidence/{stage}/batches/} only.
   */
  private boolean exists(String batch) {
    try {
      return s3.listObjectsV2(l -> l.bucket(bucket).prefix(batch).maxKeys(1)).contents().stream().anyMatch(o -> o.key().equals(batch));
    } catch (SdkException e) {
      throw new StorageException("data bucket: listing the evidence batch " + batch + " failed", e);
    }
  }

  private Optional<String> storedSha(String batch) {
    return orAbsent("the evidence batch " + batch,
        () -> Optional.ofNullable(s3.headObject(h -> h.bucket(bucket).key(batch)).metadata().get(SHA256_METADATA)));
  }

  private Optional<EvidenceItems.Evidence> object(String key) {
    return orAbsent(key, () -> {
      software.amazon.awssdk.core.ResponseBytes<GetObjectResponse> o = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
      return Optional.of(new EvidenceItems.Evidence(o.asByteArray(), o.response().metadata()));
    });
  }

  private Optional<byte[]> bytes(String key) {
    return orAbsent(key, () -> Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray()));
  }

  /** An S3 read whose missing object (NoSuchKey, or a bare 404 as HEAD answers) is empty, not an error. */
  private static <T> Optional<T> orAbsent(String what, java.util.function.Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new StorageException("data bucket: reading " + what + " failed", e);
    } catch (SdkException e) {
      throw new StorageException("data bucket: reading " + what + " failed", e);
    }
  }

}
