package dev.tributary.scheduler.retention;

import dev.tributary.service.kafka.FailureSummary;
import dev.tributary.store.maintenance.AuditPartitions;
import dev.tributary.store.maintenance.FinishedTaskRetention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes finished tasks older than the retention period, a bounded batch per transaction, and
 * drops the audit partitions that ended before it. Every replica runs it: batches skip the rows
 * another replica holds. Failures are logged and counted, and the next run tries again.
 */
@Component
public class Retention {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final FinishedTaskRetention tasks;
  private final AuditPartitions partitions;
  private final RetentionProperties properties;
  private final Clock clock;
  private final Counter tasksDeleted;
  private final Counter partitionsDropped;
  private final Counter failures;
  private final Timer batches;

  Retention(
      FinishedTaskRetention tasks,
      AuditPartitions partitions,
      RetentionProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.tasks = tasks;
    this.partitions = partitions;
    this.properties = properties;
    this.clock = clock;
    this.tasksDeleted = meters.counter("tributary.retention.tasks.deleted");
    this.partitionsDropped = meters.counter("tributary.retention.partitions.dropped");
    this.failures = meters.counter("tributary.retention.failures");
    this.batches = meters.timer("tributary.retention.batch.duration");
  }

  /** Removes up to the run's batches of finished tasks; returns how many tasks went. */
  public int removeFinishedTasks() {
    Instant cutoff = cutoff();
    int removed = 0;
    try {
      for (int batch = 0; batch < properties.batchesPerRun(); batch++) {
        int deleted =
            batches.record(() -> tasks.deleteFinishedBefore(cutoff, properties.batchSize()));
        removed += deleted;
        tasksDeleted.increment(deleted);
        if (deleted < properties.batchSize()) {
          break;
        }
      }
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Retention failed after removing {} tasks ({})", removed, FailureSummary.of(e));
      log.debug("Retention failed", e);
    }
    if (removed > 0) {
      log.info("Retention removed {} tasks finished before {}", removed, cutoff);
    }
    return removed;
  }

  /** Drops the audit partitions whose month ended before the retention period; returns how many. */
  public int dropAuditPartitions() {
    try {
      int dropped = partitions.dropEndingBefore(cutoff());
      partitionsDropped.increment(dropped);
      if (dropped > 0) {
        log.info("Retention dropped {} audit partitions ending before {}", dropped, cutoff());
      }
      return dropped;
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Dropping old audit partitions failed ({})", FailureSummary.of(e));
      log.debug("Dropping old audit partitions failed", e);
      return 0;
    }
  }

  private Instant cutoff() {
    return clock.instant().minus(properties.keepFinishedFor());
  }
}
