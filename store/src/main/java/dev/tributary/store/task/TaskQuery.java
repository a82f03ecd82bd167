package dev.tributary.store.task;

import dev.tributary.contracts.TaskState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a task search filters on; every filter is optional and they combine with AND.
 *
 * @param state the task's state
 * @param namespace the template's namespace
 * @param template the template's name (needs {@code namespace})
 * @param version the template's version (needs {@code template})
 * @param correlationId the caller's correlation id, exactly
 * @param createdAfter created at or after this instant
 * @param createdBefore created before this instant
 */
public record TaskQuery(
    @Nullable TaskState state,
    @Nullable String namespace,
    @Nullable String template,
    @Nullable String version,
    @Nullable String correlationId,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore) {

  public TaskQuery {
    if (template != null && namespace == null) {
      throw new IllegalArgumentException("a template filter needs the namespace too");
    }
    if (version != null && template == null) {
      throw new IllegalArgumentException("a version filter needs the template too");
    }
  }

  /** Every task. */
  public static TaskQuery all() {
    return new TaskQuery(null, null, null, null, null, null, null);
  }
}
