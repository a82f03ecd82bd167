package dev.tributary.store.finalization;

import dev.tributary.contracts.TaskState;
import java.time.Instant;
import java.util.UUID;

/**
 * A task whose state changed.
 *
 * @param namespace its template's namespace
 * @param template its template's name
 * @param createdAt when it was created: a finished task's duration runs from here
 */
public record TaskMoved(
    UUID taskId,
    TaskState from,
    TaskState to,
    String namespace,
    String template,
    Instant createdAt) {}
