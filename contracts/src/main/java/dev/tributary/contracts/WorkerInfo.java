package dev.tributary.contracts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who ran an attempt and when, as the worker reports it.
 *
 * @param workerId the worker instance, e.g. a pod name
 * @param startedAt when the handler started
 * @param finishedAt when it finished
 */
public record WorkerInfo(
    @Nullable String workerId, @Nullable Instant startedAt, @Nullable Instant finishedAt) {}
