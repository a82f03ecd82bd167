package dev.tributary.core.result;

import dev.tributary.contracts.StepState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One step's change: applied only if the step is still in {@code from} at {@code attempt}. The hops
 * say how it got there (several when a poll held several messages of the step, e.g. started and
 * success); each becomes an audit row if the change is applied.
 *
 * @param stepId the step
 * @param taskId its task
 * @param from the state it must be in
 * @param attempt the attempt it must be at
 * @param to the state it moves to
 * @param resultsJson its result, when it has one now
 * @param checkpointJson its latest checkpoint, when reported now
 * @param checkpointSequence that checkpoint's sequence, when it has one: it replaces the stored
 *     checkpoint only if it is greater than the stored one's
 * @param lastErrorJson its latest failure, when it failed now
 * @param nextAttemptAt when a retry is due, when it waits for one
 * @param freeAttempt whether the attempt does not count against the step's attempts (no worker
 *     started it)
 * @param answered whether a worker answered, which ends the step's wait for a worker
 * @param deadlineAt the attempt's new deadline, when a worker started it now
 * @param hops the transitions to audit, in order
 */
public record StepTransition(
    UUID stepId,
    UUID taskId,
    StepState from,
    int attempt,
    StepState to,
    @Nullable String resultsJson,
    @Nullable String checkpointJson,
    @Nullable Long checkpointSequence,
    @Nullable String lastErrorJson,
    @Nullable Instant nextAttemptAt,
    boolean freeAttempt,
    boolean answered,
    @Nullable Instant deadlineAt,
    List<Hop> hops) {

  public StepTransition {
    hops = List.copyOf(hops);
  }

  /**
   * One audited transition.
   *
   * @param from the state left
   * @param to the state entered
   * @param cause what caused it, e.g. the outcome type
   * @param messageId the result message that caused it
   */
  public record Hop(StepState from, StepState to, String cause, @Nullable UUID messageId) {}
}
