package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.maxLength;
import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task changed state, on the task-events topic, keyed by task id. Delivered at least once:
 * consumers deduplicate by {@code event_id}.
 *
 * @param schemaVersion the message schema version; {@value #SCHEMA_VERSION}
 * @param eventId unique per event
 * @param taskId the task
 * @param namespace its template's namespace; matches {@link Topics#NAMESPACE}
 * @param name its template's name
 * @param version its template's version
 * @param correlationId the task's correlation id, at most {@value TaskRequest#MAX_KEY_LENGTH}
 *     characters
 * @param fromState the state it left
 * @param state the state it entered
 * @param occurredAt when
 */
public record TaskEvent(
    int schemaVersion,
    UUID eventId,
    UUID taskId,
    String namespace,
    String name,
    String version,
    @Nullable String correlationId,
    TaskState fromState,
    TaskState state,
    Instant occurredAt) {

  public static final int SCHEMA_VERSION = 1;

  public TaskEvent {
    Require.schemaVersion(schemaVersion, SCHEMA_VERSION);
    present(eventId, "event_id");
    present(taskId, "task_id");
    Require.namespace(namespace);
    present(name, "name");
    present(version, "version");
    maxLength(correlationId, TaskRequest.MAX_KEY_LENGTH, "correlation_id");
    present(fromState, "from_state");
    present(state, "state");
    present(occurredAt, "occurred_at");
  }
}
