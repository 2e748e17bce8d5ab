package io.pagorecon.aws;

import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.statement.SliceQueue;
import io.pagorecon.core.statement.SliceTask;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link SliceQueue} on the statement slice queue: one message per slice ({@link SliceTask}), sent
 * ten at a time. The queue's event source mapping runs the slices (at most its maximum concurrency
 * at once), its redrive policy retries a failed one alone and dead-letters it after the last try.
 */
public final class SqsSliceQueue implements SliceQueue {

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsSliceQueue(SqsClient sqs, String queueUrl) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
  }

  @Override
  public void enqueue(LocalDate businessDate, String runId, List<Integer> slices) {
    for (int from = 0; from < slices.size(); from += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int slice : slices.subList(from, Math.min(slices.size(), from + 10))) {
        entries.add(SendMessageBatchRequestEntry.builder().id("s" + slice)
            .messageBody(new SliceTask(businessDate, runId, slice).toJson()).build());
      }
      SendMessageBatchResponse answer;
      try {
        answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        throw new StorageException("slice queue: sending slices failed", e);
      }
      if (!answer.failed().isEmpty()) {
        throw new StorageException("slice queue: " + answer.failed().size() + " slices not queued (" + answer.failed().get(0).code() + ")", null);
      }
    }
  }
}
