package io.pagorecon.core.webhook;

import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.payment.PaymentState;
import java.util.Optional;

/**
 * What the webhook did with one delivery. Every outcome is a value with its HTTP status: accepted,
 * duplicate, stale and archived notifications are answered 200, rejections with their stable code.
 * Storage faults are not results: they throw, and the caller answers 5xx so the retry lands.
 */
public sealed interface IngestResult {

  int httpStatus();

  /** The stable code written in the answer and in the log line. */
  String code();

  /** The notification changed the CIP's state. */
  record Accepted(String cip, String eventType, PaymentState from, PaymentState to, String evidenceKey)
      implements IngestResult {
    public int httpStatus() {
      return 200;
    }

    public String code() {
      return "ACCEPTED";
    }
  }

  /** The same (cip, eventType) was recorded before: nothing changed. */
  record Duplicate(String cip, String eventType, PaymentState state) implements IngestResult {
    public int httpStatus() {
      return 200;
    }

    public String code() {
      return "DUPLICATE";
    }
  }

  /**
   * Recorded as evidence without a state change: stale for the current state (a late {@code
   * cip.expired} after payment) or an unknown event type.
   */
  record Stale(String cip, String eventType, PaymentState state, String evidenceKey) implements IngestResult {
    public int httpStatus() {
      return 200;
    }

    public String code() {
      return "STALE";
    }
  }

  /** An unknown event type without a CIP: archived and acknowledged, nothing to record. */
  record Archived(String eventType, String evidenceKey) implements IngestResult {
    public int httpStatus() {
      return 200;
    }

    public String code() {
      return "IGNORED";
    }
  }

  /**
   * Refused: bad signature, bad input or too large. {@code cip} is what the unverified body claimed
   * (for the log only, never trusted); {@code checkRequested} tells whether the sync job was asked
   * to look at that CIP now.
   */
  record Rejected(ErrorCode error, String message, Optional<String> field, Optional<String> cip, boolean checkRequested)
      implements IngestResult {
    public int httpStatus() {
      return error.httpStatus();
    }

    public String code() {
      return error.name();
    }

    /** A notification that verifies only with the sandbox secret reached the production stage. */
    public boolean sandboxData() {
      return error == ErrorCode.SANDBOX_SIGNATURE;
    }
  }
}
