package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.maxLength;
import static dev.tributary.contracts.internal.Require.positive;
import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of one step, sent by the scheduler to {@code steps.<namespace>}, keyed by task id. It
 * carries everything the worker needs; the worker answers with {@link StepResult}s for the same
 * step and attempt.
 *
 * @param schemaVersion the message schema version; {@value #SCHEMA_VERSION}
 * @param taskId the task
 * @param stepId the step
 * @param stepName the step's name in its task (batch workers: {@code <template>_<batch id>})
 * @param attempt this attempt's number, from 1
 * @param maxAttempts how many attempts the step has in all
 * @param namespace the template's namespace; matches {@link Topics#NAMESPACE}
 * @param handler what the worker runs
 * @param taskContext the task's input, a JSON object
 * @param inputs the step's own input, a JSON object; empty when it has none. A batch worker's are
 *     exactly its {@link BatchCursor} ({@link BatchCursor#toInputs()}): for a split by total and
 *     batch size, item numbers {@code [start, end)} and the zero-padded batch index as batch id
 * @param checkpoint the last checkpoint a previous attempt reported, to resume from; null (never a
 *     JSON null node) when there is none
 * @param dependencyResults the results of the steps this one depends on, by step name
 * @param dependencyResultsOmitted how many dependency results were left out because the step has
 *     more dependencies than a dispatch carries (read them through the processor's REST API); not
 *     negative
 * @param correlationId the task's correlation id, at most {@value TaskRequest#MAX_KEY_LENGTH}
 *     characters
 * @param deadline when this dispatch is given up on if no worker has started it: a worker must not
 *     start it later (it reports {@link ErrorClasses#DEADLINE_EXCEEDED} instead, and the step is
 *     dispatched again without the attempt counting against it)
 * @param timeoutMs how long the attempt may run once started, in milliseconds: a worker stops the
 *     handler this long after it starts it. Absent from older dispatches, where the deadline bounds
 *     the run as well
 */
public record StepDispatch(
    int schemaVersion,
    UUID taskId,
    UUID stepId,
    String stepName,
    int attempt,
    int maxAttempts,
    String namespace,
    String handler,
    JsonNode taskContext,
    JsonNode inputs,
    @Nullable JsonNode checkpoint,
    Map<String, JsonNode> dependencyResults,
    int dependencyResultsOmitted,
    @Nullable String correlationId,
    Instant deadline,
    @Nullable Long timeoutMs) {

  public static final int SCHEMA_VERSION = 1;

  public StepDispatch {
    Require.schemaVersion(schemaVersion, SCHEMA_VERSION);
    present(taskId, "task_id");
    present(stepId, "step_id");
    present(stepName, "step_name");
    positive(attempt, "attempt");
    positive(maxAttempts, "max_attempts");
    Require.namespace(namespace);
    present(handler, "handler");
    Require.object(taskContext, "task_context");
    Require.object(inputs, "inputs");
    checkpoint = checkpoint == null || checkpoint.isNull() ? null : checkpoint;
    dependencyResults = Map.copyOf(present(dependencyResults, "dependency_results"));
    Require.notNegative(dependencyResultsOmitted, "dependency_results_omitted");
    maxLength(correlationId, TaskRequest.MAX_KEY_LENGTH, "correlation_id");
    present(deadline, "deadline");
    if (timeoutMs != null && timeoutMs < 1) {
      throw new IllegalArgumentException("timeout_ms must be at least 1, was " + timeoutMs);
    }
  }
}
