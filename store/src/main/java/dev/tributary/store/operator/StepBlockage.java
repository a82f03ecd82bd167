package dev.tributary.store.operator;

import dev.tributary.contracts.StepState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why a step is where it is, from the readiness view (recomputed from the edges).
 *
 * @param step the step's name
 * @param state its state
 * @param attempts its current attempt
 * @param ready whether it can be dispatched now
 * @param waitingFor the dependencies it still waits for
 * @param blockingReason what holds it, in words
 */
public record StepBlockage(
    String step,
    StepState state,
    int attempts,
    boolean ready,
    List<String> waitingFor,
    @Nullable String blockingReason) {}
