package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.positive;
import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a worker reports about one attempt of one step, on the step-results topic, keyed by task id.
 *
 * <p>A result for an attempt that is not the step's current one is recorded and ignored, so a
 * worker may always publish what it has: the processor sorts out duplicates and stale attempts.
 *
 * @param schemaVersion the message schema version; {@value #SCHEMA_VERSION}
 * @param messageId unique per message (a UUID v7 from {@link UuidV7}); duplicates share it
 * @param taskId the task the step belongs to
 * @param stepId the step
 * @param attempt the attempt number from the dispatch this result answers
 * @param outcome started, success, failure or checkpoint
 * @param worker who ran the attempt and when, for operators; optional
 */
public record StepResult(
    int schemaVersion,
    UUID messageId,
    UUID taskId,
    UUID stepId,
    int attempt,
    Outcome outcome,
    @Nullable WorkerInfo worker) {

  public static final int SCHEMA_VERSION = 1;

  public StepResult {
    Require.schemaVersion(schemaVersion, SCHEMA_VERSION);
    present(messageId, "message_id");
    present(taskId, "task_id");
    present(stepId, "step_id");
    positive(attempt, "attempt");
    present(outcome, "outcome");
  }

  /** A result for the given dispatch, with a new message id. */
  public static StepResult answering(
      StepDispatch dispatch, Outcome outcome, @Nullable WorkerInfo worker) {
    return new StepResult(
        SCHEMA_VERSION,
        UuidV7.generate(),
        dispatch.taskId(),
        dispatch.stepId(),
        dispatch.attempt(),
        outcome,
        worker);
  }
}
