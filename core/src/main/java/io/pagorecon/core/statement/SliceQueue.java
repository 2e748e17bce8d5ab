package io.pagorecon.core.statement;

import java.time.LocalDate;
import java.util.List;

/**
 * Port: hands the slices of a run to the slice workers (an SQS queue with an event source mapping
 * in production: each message one slice, retried alone, dead-lettered after its last attempt).
 */
public interface SliceQueue {

  /** Queues one task per slice index. */
  void enqueue(LocalDate businessDate, String runId, List<Integer> slices);
}
