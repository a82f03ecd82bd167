package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.maxLength;
import static dev.tributary.contracts.internal.Require.present;

import dev.tributary.contracts.internal.Require;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A request to create a task from a registered template, on the task-requests topic (or through the
 * processor's REST API).
 *
 * @param schemaVersion the message schema version; {@value #SCHEMA_VERSION}
 * @param namespace the template's namespace; matches {@link Topics#NAMESPACE}
 * @param name the template's name
 * @param version the template's version; the most recently registered one when absent
 * @param context the task's input, a JSON object handed to every step
 * @param correlationId the caller's id for this piece of work, carried on every dispatch and event
 * @param parentCorrelationId the correlation id of the work that started this one, if any
 * @param idempotencyKey when present, the task's identity: a second request with the same key
 *     creates nothing, whatever the template's identity strategy
 * @param priority higher runs first; 0 by default
 * @param messageId unique per message, kept by a resent copy: with no idempotency key and a
 *     template whose identity is {@code always_unique}, a redelivered request with the same message
 *     id creates nothing more. Optional; without it, the record's place in the topic identifies it
 */
public record TaskRequest(
    int schemaVersion,
    String namespace,
    String name,
    @Nullable String version,
    JsonNode context,
    @Nullable String correlationId,
    @Nullable String parentCorrelationId,
    @Nullable String idempotencyKey,
    int priority,
    @Nullable UUID messageId) {

  public static final int SCHEMA_VERSION = 1;

  /** The longest correlation id, parent correlation id or idempotency key, in characters. */
  public static final int MAX_KEY_LENGTH = 255;

  public static final int MAX_PRIORITY = 1_000;

  /** The largest context, in bytes of its JSON: {@link Limits#MAX_TASK_CONTEXT_BYTES}. */
  public static final int MAX_CONTEXT_BYTES = Limits.MAX_TASK_CONTEXT_BYTES;

  public TaskRequest {
    Require.schemaVersion(schemaVersion, SCHEMA_VERSION);
    Require.namespace(namespace);
    present(name, "name");
    context = context == null || context.isNull() ? JsonNodeFactory.instance.objectNode() : context;
    if (!context.isObject()) {
      throw new IllegalArgumentException("context must be a JSON object");
    }
    maxLength(correlationId, MAX_KEY_LENGTH, "correlation_id");
    maxLength(parentCorrelationId, MAX_KEY_LENGTH, "parent_correlation_id");
    maxLength(idempotencyKey, MAX_KEY_LENGTH, "idempotency_key");
    NulCharacter.rejectIn(name, "name");
    NulCharacter.rejectIn(version, "version");
    NulCharacter.rejectIn(context, "context");
    NulCharacter.rejectIn(correlationId, "correlation_id");
    NulCharacter.rejectIn(parentCorrelationId, "parent_correlation_id");
    NulCharacter.rejectIn(idempotencyKey, "idempotency_key");
    if (Math.abs(priority) > MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priority must be between -" + MAX_PRIORITY + " and " + MAX_PRIORITY);
    }
  }

  /** A request for the latest version of a template, with no correlation or idempotency key. */
  public static TaskRequest of(String namespace, String name, JsonNode context) {
    return new TaskRequest(
        SCHEMA_VERSION, namespace, name, null, context, null, null, null, 0, null);
  }

  /** This request with the given idempotency key. */
  public TaskRequest withIdempotencyKey(String key) {
    return new TaskRequest(
        schemaVersion,
        namespace,
        name,
        version,
        context,
        correlationId,
        parentCorrelationId,
        key,
        priority,
        messageId);
  }
}
