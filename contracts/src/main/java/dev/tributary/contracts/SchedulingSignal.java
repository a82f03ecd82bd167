package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.util.UUID;

/**
 * "This task changed; look for steps that became ready." Sent by the processor after each commit
 * that touched a task, keyed by task id. Signals are a latency optimisation: the scheduler's sweep
 * finds ready steps whose signal was lost.
 *
 * @param schemaVersion the message schema version; {@value #SCHEMA_VERSION}
 * @param taskId the task that changed
 */
public record SchedulingSignal(int schemaVersion, UUID taskId) {

  public static final int SCHEMA_VERSION = 1;

  public SchedulingSignal {
    Require.schemaVersion(schemaVersion, SCHEMA_VERSION);
    present(taskId, "task_id");
  }

  public static SchedulingSignal forTask(UUID taskId) {
    return new SchedulingSignal(SCHEMA_VERSION, taskId);
  }
}
