package dev.tributary.core.expansion;

import java.util.List;
import java.util.UUID;

/**
 * The steps one outcome creates in one task, and their dependencies by step name. A dependency may
 * name a step created here or one the task already has; a name the task does not have (an
 * unselected branch) gives no edge: convergence steps wait only for what exists.
 *
 * @param taskId the task
 * @param steps the steps to create
 * @param edges their dependencies
 */
public record StepCreation(UUID taskId, List<NewStep> steps, List<Edge> edges) {

  public StepCreation {
    steps = List.copyOf(steps);
    edges = List.copyOf(edges);
  }

  /**
   * One step to create.
   *
   * @param id its id
   * @param name its name in the task
   * @param templateStep the template step it instantiates
   * @param inputsJson its input, e.g. a batch cursor
   */
  public record NewStep(UUID id, String name, String templateStep, String inputsJson) {}

  /** {@code to} depends on {@code from}. */
  public record Edge(String from, String to) {}
}
