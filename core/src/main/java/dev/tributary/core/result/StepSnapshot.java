package dev.tributary.core.result;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.template.StepKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything handling one step result needs, loaded with every other message's context by one JOIN
 * query and reused for the whole of the message's handling: the step, its task, its named step and,
 * for steps whose outcome creates steps, its template.
 *
 * @param stepId the step
 * @param taskId its task
 * @param name its name in the task
 * @param templateStep the template step it instantiates
 * @param kind its kind
 * @param state its state when loaded
 * @param attempts its current attempt
 * @param checkpointSequence the sequence of its stored checkpoint in this attempt; 0 for none
 * @param maxAttempts attempts allowed in all
 * @param retryable whether failures may be retried
 * @param backoffBaseMs first retry delay
 * @param backoffMultiplier growth of each next delay
 * @param backoffMaxMs longest delay
 * @param backoffJitter random spread of a delay, 0 to 1
 * @param taskState the task's state when loaded
 * @param namedTaskId the task's template version
 * @param templateJson the template, for decision and batchable steps only
 * @param freeAttempts attempts that do not count against {@code maxAttempts}: dispatches no worker
 *     started in time
 * @param timeoutMs how long an attempt may run once started
 * @param scheduleToStartMs how long the step may wait for a worker to start it; none when null
 * @param waitingSince when the current wait for a worker began; null when a worker answered
 * @param dispatchedAt when the current attempt was dispatched; null before the first dispatch
 * @param namespace the task's namespace, a metrics tag
 * @param templateName the task's template name, a metrics tag
 */
public record StepSnapshot(
    UUID stepId,
    UUID taskId,
    String name,
    String templateStep,
    StepKind kind,
    StepState state,
    int attempts,
    long checkpointSequence,
    int maxAttempts,
    boolean retryable,
    int backoffBaseMs,
    double backoffMultiplier,
    int backoffMaxMs,
    double backoffJitter,
    TaskState taskState,
    UUID namedTaskId,
    @Nullable String templateJson,
    int freeAttempts,
    int timeoutMs,
    @Nullable Integer scheduleToStartMs,
    @Nullable Instant waitingSince,
    @Nullable Instant dispatchedAt,
    String namespace,
    String templateName) {}
