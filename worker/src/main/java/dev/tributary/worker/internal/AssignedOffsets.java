package dev.tributary.worker.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionOffsets} of the partitions assigned to this consumer, and committing them.
 * Used by the polling thread only.
 */
final class AssignedOffsets {

  private static final Logger log = LoggerFactory.getLogger(AssignedOffsets.class);

  private final Consumer<?, ?> consumer;
  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
  private boolean commitFailed;
  private long lastCommitNanos = System.nanoTime();

  AssignedOffsets(Consumer<?, ?> consumer) {
    this.consumer = consumer;
  }

  /** The bookkeeping of a partition records were read from. */
  PartitionOffsets of(TopicPartition partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionOffsets());
  }

  /** Fresh bookkeeping for newly assigned partitions. */
  void assigned(Collection<TopicPartition> assigned) {
    assigned.forEach(partition -> partitions.put(partition, new PartitionOffsets()));
  }

  /** Partitions no longer ours: their offsets are their new owner's to commit. */
  void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  /** Marks a dispatch done, unless its partition was revoked since it was read. */
  void done(Received received) {
    if (partitions.get(received.partition) == received.offsets) {
      received.offsets.done(received.offset);
    }
  }

  /**
   * Commits, asynchronously, the partitions whose committable offset moved, at most once per {@code
   * interval}: a commit per poll would cost the broker an offsets append per handful of dispatches,
   * while a crash replays at most an interval's answered dispatches, which handlers run
   * idempotently.
   */
  void commitMoved(Duration interval) {
    long now = System.nanoTime();
    if (now - lastCommitNanos < interval.toNanos()) {
      return;
    }
    lastCommitNanos = now;
    Map<TopicPartition, OffsetAndMetadata> commits = committable(partitions.keySet(), commitFailed);
    if (commits.isEmpty()) {
      return;
    }
    commitFailed = false;
    consumer.commitAsync(
        commits,
        (committed, error) -> {
          if (error != null) {
            commitFailed = true; // callbacks run on the polling thread
            log.warn("Could not commit offsets {}; trying again: {}", committed, error.toString());
          }
        });
  }

  /** Commits every partition synchronously: on shutdown. */
  void commitAll() {
    commit(List.copyOf(partitions.keySet()));
  }

  /** Commits these partitions synchronously: before they are revoked. */
  void commit(Collection<TopicPartition> these) {
    Map<TopicPartition, OffsetAndMetadata> commits = committable(these, true);
    if (commits.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(commits);
      commitFailed = false;
    } catch (RuntimeException e) {
      log.warn(
          "Could not commit offsets {}; dispatches after them will be redelivered", commits, e);
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(
      Collection<TopicPartition> these, boolean evenUnmoved) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition partition : these) {
      PartitionOffsets offsets = partitions.get(partition);
      if (offsets == null) {
        continue;
      }
      OptionalLong committable = offsets.committable();
      if (committable.isPresent() && (evenUnmoved || offsets.advanced())) {
        commits.put(partition, new OffsetAndMetadata(committable.getAsLong()));
        offsets.committed(committable.getAsLong());
      }
    }
    return commits;
  }
}
