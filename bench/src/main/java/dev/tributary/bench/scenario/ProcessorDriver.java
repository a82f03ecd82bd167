package dev.tributary.bench.scenario;

import dev.tributary.bench.system.TaskFeeder;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.TaskRequest;
import dev.tributary.contracts.UuidV7;
import dev.tributary.processor.result.ResultProcessor;
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
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the scheduler and the workers around a processor whose listeners are off: creates tasks
 * with the processor's own creation code, claims ready steps with the scheduler's claim statement
 * (on the processor's jOOQ configuration, so the statements are counted), and applies results with
 * the processor's {@link ResultProcessor}, all on the calling thread.
 */
final class ProcessorDriver {

  /** Most steps one claim takes, as the scheduler's default claim limit. */
  static final int CLAIM_LIMIT = 1_000;

  /** Most dependency results a dispatch carries, as the scheduler's default. */
  static final int MAX_DEPENDENCY_RESULTS = 100;

  private final TaskCreation creation;
  private final ResultProcessor processor;
  private final StepClaims claims;
  private final DSLContext dsl;
  private final Clock clock;
  private int created;

  ProcessorDriver(ConfigurableApplicationContext processorContext) {
    this.creation = processorContext.getBean(TaskCreation.class);
    this.processor = processorContext.getBean(ResultProcessor.class);
    this.dsl = processorContext.getBean(DSLContext.class);
    this.claims = new StepClaims(dsl);
    this.clock = processorContext.getBean(Clock.class);
  }

  DSLContext dsl() {
    return dsl;
  }

  /** Creates tasks of a template, all in one creation call; returns their ids. */
  List<UUID> create(String template, int count) {
    List<TaskRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = "d-" + created++;
      requests.add(TaskFeeder.request(template, id, i));
    }
    return creation.create(requests).stream()
        .map(outcome -> ((CreationOutcome.Created) outcome).taskId())
        .toList();
  }

  /** Claims the ready steps of these tasks, as a scheduling signal for them would. */
  List<ClaimedStep> claim(Collection<UUID> taskIds) {
    List<ClaimedStep> claimed = new ArrayList<>();
    List<ClaimedStep> round;
    do {
      round = claims.claimReady(taskIds, CLAIM_LIMIT, MAX_DEPENDENCY_RESULTS, clock.instant());
      claimed.addAll(round);
    } while (round.size() == CLAIM_LIMIT);
    return claimed;
  }

  void process(List<StepResult> results) {
    processor.process(results);
  }

  /** Claims the ready steps of the tasks and answers each with a success; returns them. */
  List<ClaimedStep> completeReady(Collection<UUID> taskIds) {
    List<ClaimedStep> claimed = claim(taskIds);
    process(claimed.stream().map(ProcessorDriver::success).toList());
    return claimed;
  }

  static StepResult success(ClaimedStep step) {
    return result(step, new Outcome.Succeeded(JsonMapper.shared().createObjectNode()));
  }

  static StepResult started(ClaimedStep step) {
    return result(step, new Outcome.Started());
  }

  static StepResult result(ClaimedStep step, Outcome outcome) {
    return new StepResult(
        StepResult.SCHEMA_VERSION,
        UuidV7.generate(),
        step.taskId(),
        step.stepId(),
        step.attempt(),
        outcome,
        null);
  }
}
