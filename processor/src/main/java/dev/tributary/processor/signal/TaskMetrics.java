package dev.tributary.processor.signal;

import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.store.finalization.TaskMoved;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Metrics of tasks changing state, tagged by Tributary namespace ({@code tributary_namespace}:
 * Prometheus' own {@code namespace} label is the Kubernetes one), template and state (bounded:
 * never by task): how long finished tasks took, how many finished, and how many became blocked by
 * failures.
 */
@Component
class TaskMetrics {

  private final MeterRegistry meters;
  private final Clock clock;

  TaskMetrics(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
  }

  void moved(List<TaskMoved> tasks) {
    Instant now = clock.instant();
    for (TaskMoved task : tasks) {
      if (TaskMachine.FINISHED.contains(task.to())) {
        finished(task, now);
      } else if (task.to() == TaskState.BLOCKED_BY_FAILURES) {
        meters
            .counter(
                "tributary.tasks.blocked",
                "namespace",
                task.namespace(),
                "template",
                task.template())
            .increment();
      }
    }
  }

  private void finished(TaskMoved task, Instant now) {
    String[] tags = {
      "tributary_namespace",
      task.namespace(),
      "template",
      task.template(),
      "state",
      task.to().wireName()
    };
    meters.counter("tributary.tasks.finished", tags).increment();
    Duration duration = Duration.between(task.createdAt(), now);
    Timer.builder("tributary.tasks.duration")
        .description("From a task's creation to its final state")
        .tags(tags)
        .publishPercentileHistogram()
        // Micrometer's buckets stop at 30 s by default; tasks take minutes, hours, or days.
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofDays(7))
        .register(meters)
        .record(duration.isNegative() ? Duration.ZERO : duration);
  }
}
