package dev.tributary.core.template;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a template.
 *
 * @param name unique in the template
 * @param handler what the worker runs
 * @param kind standard, decision, batchable, batch_worker or convergence
 * @param dependsOn the steps that must complete first
 * @param branches for a decision: the steps its outcome may create
 * @param batchWorker for a batchable step: the batch_worker template it instantiates per batch
 * @param retry how failures are retried
 * @param timeout how long an attempt may run once a worker started it, before it is given up on
 * @param scheduleToStart how long the step may wait for a worker to start it, counted from the
 *     first dispatch no worker answered, before it fails for good; none when absent (it waits as
 *     long as workers are down, and dispatches nobody started never count against its attempts)
 */
public record TemplateStep(
    String name,
    String handler,
    StepKind kind,
    List<String> dependsOn,
    List<String> branches,
    @Nullable String batchWorker,
    RetryPolicy retry,
    Duration timeout,
    @Nullable Duration scheduleToStart) {

  public TemplateStep {
    dependsOn = List.copyOf(dependsOn);
    branches = List.copyOf(branches);
  }
}
