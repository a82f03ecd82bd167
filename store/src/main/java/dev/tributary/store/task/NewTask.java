package dev.tributary.store.task;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task to create with its initial steps and edges.
 *
 * @param id its id (UUID v7)
 * @param namedTaskId the template version
 * @param contextJson its input, a JSON object
 * @param correlationId the caller's correlation id
 * @param parentCorrelationId the correlation id of the work that started it
 * @param priority higher runs first
 * @param identityKey unique: a second task with the same key is not created
 * @param steps its initial steps
 * @param edges dependencies between them
 * @param traceParent the W3C trace context of the span that created it; none when not traced
 */
public record NewTask(
    UUID id,
    UUID namedTaskId,
    String contextJson,
    @Nullable String correlationId,
    @Nullable String parentCorrelationId,
    int priority,
    String identityKey,
    List<NewStep> steps,
    List<NewEdge> edges,
    @Nullable String traceParent) {

  public NewTask {
    steps = List.copyOf(steps);
    edges = List.copyOf(edges);
  }

  /**
   * A step to create.
   *
   * @param id its id
   * @param name its name in the task
   * @param templateStep the template step it instantiates (its name, unless a batch worker)
   * @param unmetDependencies how many of its dependencies are not complete
   * @param inputsJson its own input, a JSON object
   */
  public record NewStep(
      UUID id, String name, String templateStep, int unmetDependencies, String inputsJson) {}

  /** {@code to} depends on {@code from}. */
  public record NewEdge(UUID from, UUID to) {}
}
