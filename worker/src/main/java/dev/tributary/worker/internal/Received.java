package dev.tributary.worker.internal;

import dev.tributary.contracts.StepDispatch;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * A dispatch read from a partition, with what answering it needs: where it came from (to mark it
 * done) and its trace context (to put on its results). Identity matters: the same record read again
 * after a rebalance is another {@code Received}.
 */
final class Received {

  final TopicPartition partition;
  final long offset;
  final StepDispatch dispatch;

  /**
   * The trace context its results carry: the dispatch's, until the handler run's span replaces it
   * (before the first result is sent).
   */
  volatile @Nullable Header traceparent;

  final PartitionOffsets offsets;

  Received(
      TopicPartition partition,
      long offset,
      StepDispatch dispatch,
      @Nullable Header traceparent,
      PartitionOffsets offsets) {
    this.partition = partition;
    this.offset = offset;
    this.dispatch = dispatch;
    this.traceparent = traceparent;
    this.offsets = offsets;
  }

  /** For logs: ids only, never payloads. */
  @Override
  public String toString() {
    return "step "
        + dispatch.stepId()
        + " ("
        + dispatch.stepName()
        + ") of task "
        + dispatch.taskId()
        + ", attempt "
        + dispatch.attempt()
        + ", handler "
        + dispatch.namespace()
        + "/"
        + dispatch.handler()
        + " at "
        + partition
        + "@"
        + offset;
  }
}
