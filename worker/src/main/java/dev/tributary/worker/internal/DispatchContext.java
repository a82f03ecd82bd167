package dev.tributary.worker.internal;

import dev.tributary.contracts.StepDispatch;
import dev.tributary.worker.StepContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A handler's view of the attempt an {@link Execution} runs. */
final class DispatchContext implements StepContext {

  private final StepDispatch dispatch;
  private final Instant deadline;
  private final Execution execution;
  private final Clock clock;

  DispatchContext(StepDispatch dispatch, Instant deadline, Execution execution, Clock clock) {
    this.deadline = deadline;
    this.dispatch = dispatch;
    this.execution = execution;
    this.clock = clock;
  }

  @Override
  public UUID taskId() {
    return dispatch.taskId();
  }

  @Override
  public UUID stepId() {
    return dispatch.stepId();
  }

  @Override
  public String stepName() {
    return dispatch.stepName();
  }

  @Override
  public String namespace() {
    return dispatch.namespace();
  }

  @Override
  public String handler() {
    return dispatch.handler();
  }

  @Override
  public int attempt() {
    return dispatch.attempt();
  }

  @Override
  public int maxAttempts() {
    return dispatch.maxAttempts();
  }

  @Override
  public JsonNode taskContext() {
    return dispatch.taskContext();
  }

  @Override
  public JsonNode inputs() {
    return dispatch.inputs();
  }

  @Override
  public Optional<JsonNode> lastCheckpoint() {
    JsonNode checkpoint = dispatch.checkpoint();
    return checkpoint == null || checkpoint.isNull() ? Optional.empty() : Optional.of(checkpoint);
  }

  @Override
  public Map<String, JsonNode> dependencyResults() {
    return dispatch.dependencyResults();
  }

  @Override
  public int dependencyResultsOmitted() {
    return dispatch.dependencyResultsOmitted();
  }

  @Override
  public Optional<String> correlationId() {
    return Optional.ofNullable(dispatch.correlationId());
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public Duration timeRemaining() {
    Duration remaining = Duration.between(clock.instant(), deadline);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  @Override
  public boolean isCancelled() {
    return execution.isCancelled();
  }

  @Override
  public void checkpoint(JsonNode checkpoint) {
    execution.checkpoint(Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  @Override
  public StepDispatch dispatch() {
    return dispatch;
  }

  @Override
  public String toString() {
    return "StepContext[step " + stepId() + " of task " + taskId() + ", attempt " + attempt() + "]";
  }
}
