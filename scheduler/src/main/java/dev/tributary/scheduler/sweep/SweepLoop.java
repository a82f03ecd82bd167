package dev.tributary.scheduler.sweep;

import dev.tributary.scheduler.SchedulerProperties;
import dev.tributary.store.maintenance.AuditPartitions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the sweep on a timer, and the audit partition upkeep daily, on one background thread that
 * starts and stops with the application. Off with {@code tributary.scheduler.sweep-enabled=false}
 * (tests drive {@link Sweeper#sweep()} themselves).
 */
@Component
@ConditionalOnBooleanProperty(name = "tributary.scheduler.sweep-enabled", matchIfMissing = true)
class SweepLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SweepLoop.class);
  private static final Duration PARTITION_UPKEEP = Duration.ofDays(1);

  private final Sweeper sweeper;
  private final AuditPartitions partitions;
  private final SchedulerProperties properties;
  private volatile ScheduledExecutorService executor;

  SweepLoop(Sweeper sweeper, AuditPartitions partitions, SchedulerProperties properties) {
    this.sweeper = sweeper;
    this.partitions = partitions;
    this.properties = properties;
  }

  @Override
  public void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("scheduler-sweep").daemon().unstarted(runnable));
    long interval = properties.sweepInterval().toMillis();
    started.scheduleWithFixedDelay(sweeper::sweep, interval, interval, TimeUnit.MILLISECONDS);
    started.scheduleWithFixedDelay(
        this::upkeepPartitions, 0, PARTITION_UPKEEP.toMillis(), TimeUnit.MILLISECONDS);
    executor = started;
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

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
