package dev.tributary.store.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tributary.contracts.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A task with its steps, as operators and the REST API see it. JSON columns stay raw JSON. */
public record TaskView(
    UUID id,
    String namespace,
    String name,
    String version,
    TaskState state,
    @JsonRawValue String context,
    @Nullable String correlationId,
    @Nullable String parentCorrelationId,
    int priority,
    String identityKey,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant completedAt,
    List<StepView> steps) {}
