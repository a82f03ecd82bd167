package dev.tributary.scheduler.retention;

import dev.tributary.service.background.BackgroundWork;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Runs {@link Retention} on a thread of its own, so that a long run never delays a sweep. Off with
 * {@code tributary.retention.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "tributary.retention.enabled", matchIfMissing = true)
class RetentionLoop extends BackgroundWork {

  private static final Duration PARTITION_CHECK = Duration.ofHours(1);

  private final Retention retention;
  private final RetentionProperties properties;

  RetentionLoop(Retention retention, RetentionProperties properties) {
    super("scheduler-retention");
    this.retention = retention;
    this.properties = properties;
  }

  @Override
  protected void schedule(Schedule schedule) {
    schedule.every(properties.interval(), properties.interval(), retention::removeFinishedTasks);
    schedule.every(PARTITION_CHECK, properties.interval(), retention::dropAuditPartitions);
  }
}
