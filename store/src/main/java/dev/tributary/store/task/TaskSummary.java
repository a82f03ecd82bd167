package dev.tributary.store.task;

import dev.tributary.contracts.TaskState;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A task without its steps and context: a row of a search. */
public record TaskSummary(
    UUID id,
    String namespace,
    String name,
    String version,
    TaskState state,
    @Nullable String correlationId,
    int priority,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant completedAt) {}
