package dev.tributary.processor;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.UuidV7;
import dev.tributary.processor.task.CreationOutcome;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.StepClaims;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the scheduler and the workers around a processor under test: creates tasks, claims their
 * ready steps with the real claim statement, and builds the results a worker would send.
 */
public final class WorkflowDriver {

  private final TaskCreation creation;
  private final StepClaims claims;
  private final Clock clock;

  public WorkflowDriver(TaskCreation creation, DSLContext db, Clock clock) {
    this.creation = creation;
    this.claims = new StepClaims(db);
    this.clock = clock;
  }

  public List<UUID> createTasks(String namespace, String template, int count) {
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(
          TaskRequest.of(namespace, template, json("{\"n\": " + i + "}"))
              .withIdempotencyKey(UUID.randomUUID().toString()));
    }
    return creation.create(requests).stream()
        .map(outcome -> ((CreationOutcome.Created) outcome).taskId())
        .toList();
  }

  public List<ClaimedStep> claim(Collection<UUID> taskIds) {
    return claims.claimReady(taskIds, 10_000, 100, clock.instant());
  }

  /** Ready steps of these tasks, and any retry whose backoff has passed. */
  public List<ClaimedStep> claimAll(Collection<UUID> taskIds) {
    List<ClaimedStep> claimed = new ArrayList<>(claim(taskIds));
    claimed.addAll(claims.claimRetriesDue(10_000, 100, clock.instant()));
    return claimed;
  }

  public static StepResult started(ClaimedStep step) {
    return result(step, new Outcome.Started());
  }

  public static StepResult success(ClaimedStep step, String resultJson) {
    return result(step, new Outcome.Succeeded(json(resultJson)));
  }

  public static StepResult failure(
      ClaimedStep step, boolean retryable, @Nullable Long retryAfterMs) {
    return result(
        step,
        new Outcome.Failed(retryable, "java.io.IOException", "upstream timed out", retryAfterMs));
  }

  public static StepResult result(ClaimedStep step, Outcome outcome) {
    return new StepResult(
        StepResult.SCHEMA_VERSION,
        UuidV7.generate(),
        step.taskId(),
        step.stepId(),
        step.attempt(),
        outcome,
        null);
  }

  public static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }
}
