package dev.tributary.store.finalization;

import dev.tributary.contracts.TaskState;
import java.util.UUID;

/** A task whose state changed. */
public record TaskMoved(UUID taskId, TaskState from, TaskState to) {}
