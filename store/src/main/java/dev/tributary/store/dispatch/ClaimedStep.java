package dev.tributary.store.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A step claimed for dispatch, with what its dispatch message carries.
 *
 * @param stepId the step
 * @param taskId its task
 * @param stepName its name
 * @param attempt the attempt this dispatch starts
 * @param maxAttempts attempts allowed in all: the step's, and one more for each attempt no worker
 *     started
 * @param namespace its template's namespace: the dispatch topic
 * @param handler what the worker runs
 * @param taskContextJson the task's input
 * @param inputsJson the step's own input
 * @param checkpointJson the last checkpoint a previous attempt reported
 * @param dependencyResultsJson a JSON object of dependency results by step name, at most as many as
 *     the claim allowed
 * @param dependencyCount how many dependencies the step has in all
 * @param dependencyResultsOmitted how many of them {@code dependencyResultsJson} leaves out
 * @param correlationId the task's correlation id
 * @param deadline when this dispatch is given up on if no worker has started it
 * @param timeoutMs how long the attempt may run once started
 * @param traceParent the W3C trace context the dispatch's span continues: of the span that made the
 *     step ready, or of the task's creation; none when neither was traced
 */
public record ClaimedStep(
    UUID stepId,
    UUID taskId,
    String stepName,
    int attempt,
    int maxAttempts,
    String namespace,
    String handler,
    String taskContextJson,
    String inputsJson,
    @Nullable String checkpointJson,
    String dependencyResultsJson,
    int dependencyCount,
    int dependencyResultsOmitted,
    @Nullable String correlationId,
    Instant deadline,
    long timeoutMs,
    @Nullable String traceParent) {}
