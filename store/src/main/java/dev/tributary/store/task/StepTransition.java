package dev.tributary.store.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.tributary.contracts.StepState;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One change of a step's state, from the audit rows.
 *
 * @param fromState the state before; null for the step's creation
 * @param toState the state after
 * @param attempt the step's attempt at the time
 * @param cause what caused it: a result, a dispatch, a sweep, an operator's action
 * @param messageId the result message that caused it, if one did
 * @param metadata what the cause recorded with it (e.g. the operator's name), raw JSON
 * @param occurredAt when
 */
public record StepTransition(
    @Nullable StepState fromState,
    StepState toState,
    int attempt,
    String cause,
    @Nullable UUID messageId,
    @JsonRawValue @Nullable String metadata,
    Instant occurredAt) {}
