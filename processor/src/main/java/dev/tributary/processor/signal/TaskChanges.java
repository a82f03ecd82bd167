package dev.tributary.processor.signal;

import dev.tributary.processor.event.TaskEventRelay;
import dev.tributary.store.finalization.TaskMoved;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What follows a commit that changed tasks: a scheduling signal for each task that may have steps
 * ready, and a nudge to the event relay when task events were written.
 */
@Component
public class TaskChanges {

  private final SchedulingSignals signals;
  private final TaskEventRelay relay;
  private final TaskMetrics metrics;

  TaskChanges(SchedulingSignals signals, TaskEventRelay relay, TaskMetrics metrics) {
    this.signals = signals;
    this.relay = relay;
    this.metrics = metrics;
  }

  /**
   * Signals what a commit changed.
   *
   * @param mayHaveReadySteps the tasks the scheduler should look at
   * @param tasksMoved the tasks whose state changed, and so wrote task events
   */
  public void committed(Collection<UUID> mayHaveReadySteps, List<TaskMoved> tasksMoved) {
    signals.send(mayHaveReadySteps);
    if (!tasksMoved.isEmpty()) {
      metrics.moved(tasksMoved);
      relay.wakeUp();
    }
  }
}
