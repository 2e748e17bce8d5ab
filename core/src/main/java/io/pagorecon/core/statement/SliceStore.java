package io.pagorecon.core.statement;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Port: the working files of a statement built in slices (S3 {@code statement-runs/{stage}/...} in
 * production), kept apart from the published statements: nothing here is read by reconciliation.
 * A run is named by its business date and run id ({@link SlicePlan#runId()}).
 */
public interface SliceStore {

  /** Who assembles a run's statement: the first slice to find every part written. */
  enum Claim {
    /** This slice claimed the assembly now, or had claimed it before (a retry of the same slice). */
    MINE,
    /** Another slice claimed it. */
    TAKEN,
    /** The statement of this run is already published. */
    PUBLISHED
  }

  /** Writes the plan and each slice's CIPs (before any slice is queued). */
  void writePlan(SlicePlan plan, List<List<String>> sliceCips);

  /** The plan of a run. @throws io.pagorecon.core.payment.StorageException when it cannot be read */
  SlicePlan plan(LocalDate businessDate, String runId);

  /** The CIPs of one slice, in statement order. */
  List<String> sliceCips(LocalDate businessDate, String runId, int slice);

  /** Writes (or rewrites, with the same content) a slice's part. */
  void writePart(LocalDate businessDate, String runId, int slice, byte[] part);

  /** A slice's part, empty while the slice has not completed. */
  Optional<byte[]> part(LocalDate businessDate, String runId, int slice);

  /** How many parts are written (strongly consistent: a part written before this call is counted). */
  int partsWritten(LocalDate businessDate, String runId);

  /** Claims the assembly for {@code slice}: created only if absent (a conditional write). */
  Claim claimAssembly(LocalDate businessDate, String runId, int slice);

  /** Records that the run's statement is published (after the manifest is written). */
  void markPublished(LocalDate businessDate, String runId);
}
