package dev.tributary.store.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tributary.contracts.StepState;
import dev.tributary.core.template.StepKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One step of a {@link TaskView}. */
public record StepView(
    UUID id,
    String name,
    StepKind kind,
    StepState state,
    int attempts,
    int maxAttempts,
    boolean retryable,
    int unmetDependencies,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant dispatchedAt,
    @Nullable Instant deadlineAt,
    @JsonRawValue String inputs,
    @JsonRawValue @Nullable String results,
    @JsonRawValue @Nullable String checkpoint,
    @JsonRawValue @Nullable String lastError,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant completedAt) {}
