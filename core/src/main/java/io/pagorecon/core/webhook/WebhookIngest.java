package io.pagorecon.core.webhook;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.payment.RecordOutcome;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.time.BusinessCalendar;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook use case: verify, parse, archive, record. In this order, because each step trusts
 * only what the previous one established:
 *
 * <ol>
 *   <li>size (64 KiB) → 413; no signature → 401; a signature that does not verify over the exact
 *       bytes → 401 (on production, one that verifies only with the sandbox key → 401 flagged as
 *       sandbox data). Rejected bodies are archived under {@code rejected/}; when the unverified
 *       body names a CIP we know, the sync job is asked to check it now (a forged or mangled
 *       notification may hide a real payment);
 *   <li>parse → 400 with a stable code;
 *   <li>archive the body under a deterministic key ({@link EvidenceKeys#batched}: kept with its
 *       headers until the hourly export batches it to the data bucket), <b>then</b> record the fact. Either failure
 *       throws {@link io.pagorecon.core.payment.StorageException}: the caller answers 5xx, and
 *       PagoEfectivo's single retry redoes both idempotently.
 * </ol>
 *
 * A notification for a CIP we do not know is recorded, never rejected: its create response may
 * have been lost. The recorder's observer (the live assurance) matches it on its transactionCode,
 * decides the order and alerts; a sandbox-signed one on production goes to the {@link SandboxAlarm}.
 */
public final class WebhookIngest {

  /** PagoEfectivo's bodies are a few hundred bytes; anything this large is not a notification. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final int MAX_METADATA_CHARS = 256;

  /** The evidence metadata entry naming the notification's business date (what the daily run reads it by). */
  public static final String BUSINESS_DATE = "business-date";

  private final Stage stage;
  private final SigningSecrets secrets;
  private final EvidenceStore evidence;
  private final PaymentStore store;
  private final PaymentRecorder recorder;
  private final BusinessCalendar calendar;
  private final SandboxAlarm sandboxAlarm;
  private final NotificationParser parser = new NotificationParser();

  public WebhookIngest(
      Stage stage,
      SigningSecrets secrets,
      EvidenceStore evidence,
      PaymentStore store,
      PaymentRecorder recorder,
      BusinessCalendar calendar) {
    this(stage, secrets, evidence, store, recorder, calendar, SandboxAlarm.NONE);
  }

  /** @param sandboxAlarm told (after the body is archived) when a sandbox-signed notification reaches production */
  public WebhookIngest(
      Stage stage,
      SigningSecrets secrets,
      EvidenceStore evidence,
      PaymentStore store,
      PaymentRecorder recorder,
      BusinessCalendar calendar,
      SandboxAlarm sandboxAlarm) {
    this.sandboxAlarm = Objects.requireNonNull(sandboxAlarm, "sandboxAlarm");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.store = Objects.requireNonNull(store, "store");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  public IngestResult ingest(RawNotification raw) {
    if (raw.size() > MAX_BODY_BYTES) {
      return reject(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than 64 KiB", Optional.empty(), false);
    }
    byte[] body = raw.body();
    Optional<String> signature = raw.signature();
    if (signature.isEmpty()) {
      return rejectUnverified(raw, body, ErrorCode.MISSING_SIGNATURE, "the PE-Signature header is missing");
    }
    SigningKeys keys = secrets.current();
    if (!Signatures.verify(keys.secretKey(), body, signature.get())) {
      boolean sandboxSigned = stage == Stage.PRODUCTION
          && keys.sandboxSecretKey().map(k -> Signatures.verify(k, body, signature.get())).orElse(false);
      if (sandboxSigned) {
        archiveRejected(raw, body, ErrorCode.SANDBOX_SIGNATURE);
        Optional<Notification> claimed = claimed(body);
        claimed.flatMap(Notification::cip).ifPresent(cip ->
            sandboxAlarm.sandboxSigned(cip, claimed.get().transactionCode(), claimed.get().amount()));
        return reject(ErrorCode.SANDBOX_SIGNATURE, "the notification is signed with the sandbox key", claimedCip(body), false);
      }
      return rejectUnverified(raw, body, ErrorCode.INVALID_SIGNATURE, "the PE-Signature does not match the body");
    }

    Notification n;
    try {
      n = parser.parse(body);
    } catch (InvalidNotificationException e) {
      return new IngestResult.Rejected(e.code(), e.getMessage(), Optional.ofNullable(e.field()), Optional.empty(), false);
    }

    LocalDate businessDate = calendar.businessDate(n.paymentDate().map(d -> d.toInstant()).orElse(raw.receivedAt()));
    String cipSegment = n.cip().orElse("no-cip");
    String key = EvidenceKeys.batched(stage, raw.receivedAt(), cipSegment, n.rawEventType(), body);
    Map<String, String> metadata = metadata(raw, Optional.empty());
    metadata.put(BUSINESS_DATE, businessDate.toString());
    evidence.put(key, body, metadata);

    if (n.cip().isEmpty()) {
      return new IngestResult.Archived(n.rawEventType(), key);
    }
    String cip = n.cip().get();
    PaymentEvent event = n.type().paymentEvent().orElse(PaymentEvent.UNRECOGNISED);
    PaymentFact fact = new PaymentFact(
        cip,
        event,
        n.rawEventType(),
        Source.WEBHOOK,
        raw.receivedAt(),
        businessDate,
        n.amount(),
        n.transactionCode(),
        event == PaymentEvent.PAID ? n.paymentDate() : Optional.empty(),
        Optional.empty(),
        n.operationNumber(),
        Optional.of(new String(body, StandardCharsets.UTF_8)),
        Optional.of(key));
    RecordOutcome outcome = recorder.record(fact);
    if (outcome instanceof RecordOutcome.Applied a) {
      return new IngestResult.Accepted(cip, n.rawEventType(), a.from(), a.to(), key);
    } else if (outcome instanceof RecordOutcome.Duplicate d) {
      return new IngestResult.Duplicate(cip, n.rawEventType(), d.state());
    } else if (outcome instanceof RecordOutcome.Stale s) {
      return new IngestResult.Stale(cip, n.rawEventType(), s.state(), key);
    }
    throw new IllegalStateException("unexpected outcome " + outcome);
  }

  /** A body whose signature failed: archive it and let the sync job look at the CIP it names. */
  private IngestResult rejectUnverified(RawNotification raw, byte[] body, ErrorCode code, String message) {
    archiveRejected(raw, body, code);
    Optional<String> cip = claimedCip(body);
    boolean checkRequested = cip.isPresent() && store.requestCheck(cip.get(), raw.receivedAt());
    return reject(code, message, cip, checkRequested);
  }

  private void archiveRejected(RawNotification raw, byte[] body, ErrorCode reason) {
    LocalDate receivedDate = calendar.businessDate(raw.receivedAt());
    evidence.put(EvidenceKeys.rejected(stage, receivedDate, body), body, metadata(raw, Optional.of(reason)));
  }

  /** The CIP an unverified body claims, if it is a well-formed notification; never trusted further. */
  private Optional<String> claimedCip(byte[] body) {
    return claimed(body).flatMap(Notification::cip);
  }

  private Optional<Notification> claimed(byte[] body) {
    try {
      return Optional.of(parser.parse(body));
    } catch (InvalidNotificationException e) {
      return Optional.empty();
    }
  }

  private static IngestResult reject(ErrorCode code, String message, Optional<String> cip, boolean checkRequested) {
    return new IngestResult.Rejected(code, message, Optional.empty(), cip, checkRequested);
  }

  /** Object metadata of the evidence: the signature header, content type, receipt time, request id, the other headers. */
  private static Map<String, String> metadata(RawNotification raw, Optional<ErrorCode> rejectedFor) {
    Map<String, String> m = new LinkedHashMap<>();
    raw.header(RawNotification.SIGNATURE_HEADER).ifPresent(v -> m.put("pe-signature", ascii(v)));
    raw.header("content-type").ifPresent(v -> m.put("content-type", ascii(v)));
    m.put("received-at", raw.receivedAt().toString());
    m.put("request-id", ascii(raw.requestId()));
    rejectedFor.ifPresent(c -> m.put("rejected-for", c.name()));
    m.put("request-headers", otherHeaders(raw));
    return m;
  }

  /** Headers never kept: credentials of a caller, and the two already kept on their own. */
  private static final java.util.Set<String> NOT_KEPT =
      java.util.Set.of(RawNotification.SIGNATURE_HEADER, "content-type", "authorization", "cookie", "x-api-key");
  /** S3 allows 2 KB of user metadata in all; the other entries take well under 1 KB. */
  private static final int MAX_HEADERS_CHARS = 1024;

  /** The other headers that came with the body, as compact JSON ({@code {"user-agent":"..."}}), for disputes. */
  private static String otherHeaders(RawNotification raw) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, String> h : new java.util.TreeMap<>(raw.headers()).entrySet()) {
      if (NOT_KEPT.contains(h.getKey())) {
        continue;
      }
      String pair = (b.length() > 1 ? "," : "") + jsonString(ascii(h.getKey())) + ":" + jsonString(ascii(h.getValue()));
      if (b.length() + pair.length() + 1 > MAX_HEADERS_CHARS) {
        break;
      }
      b.append(pair);
    }
    return b.append('}').toString();
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Header values come from the sender; object metadata must be short printable ASCII. */
  private static String ascii(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_METADATA_CHARS));
    for (int i = 0; i < value.length() && out.length() < MAX_METADATA_CHARS; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
