package dev.tributary.scheduler.sweep;

import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.service.background.BackgroundWork;
import dev.tributary.store.maintenance.AuditPartitions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the sweep on a timer, and the audit partition upkeep daily, on one background thread that
 * starts and stops with the application. Off with {@code tributary.scheduler.sweep-enabled=false}
 * (tests drive {@link Sweeper#sweep()} themselves).
 */
@Component
@ConditionalOnBooleanProperty(name = "tributary.scheduler.sweep-enabled", matchIfMissing = true)
class SweepLoop extends BackgroundWork {

  private static final Logger log = LoggerFactory.getLogger(SweepLoop.class);
  private static final Duration PARTITION_UPKEEP = Duration.ofDays(1);

  private final Sweeper sweeper;
  private final AuditPartitions partitions;
  private final SchedulerProperties properties;

  SweepLoop(Sweeper sweeper, AuditPartitions partitions, SchedulerProperties properties) {
    super("scheduler-sweep");
    this.sweeper = sweeper;
    this.partitions = partitions;
    this.properties = properties;
  }

  @Override
  protected void schedule(Schedule schedule) {
    schedule.every(properties.sweepInterval(), properties.sweepInterval(), sweeper::sweep);
    schedule.every(PARTITION_UPKEEP, Duration.ZERO, this::upkeepPartitions);
  }

  private void upkeepPartitions() {
    try {
      int created = partitions.ensure(properties.auditPartitionsAhead());
      log.info(
          "Audit partitions ensured {} months ahead; {} created",
          properties.auditPartitionsAhead(),
          created);
    } catch (RuntimeException e) {
      log.warn(
          "Audit partition upkeep failed; audit rows go to the default partition until it succeeds: {}",
          e.toString());
    }
  }
}
