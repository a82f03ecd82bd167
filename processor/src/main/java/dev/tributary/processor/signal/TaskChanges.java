package dev.tributary.processor.signal;

import dev.tributary.processor.event.TaskEventRelay;
import java.util.Collection;
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

  TaskChanges(SchedulingSignals signals, TaskEventRelay relay) {
    this.signals = signals;
    this.relay = relay;
  }

  /**
   * Signals what a commit changed.
   *
   * @param mayHaveReadySteps the tasks the scheduler should look at
   * @param eventsWritten whether the commit wrote task events
   */
  public void committed(Collection<UUID> mayHaveReadySteps, boolean eventsWritten) {
    signals.send(mayHaveReadySteps);
    if (eventsWritten) {
      relay.wakeUp();
    }
  }
}
