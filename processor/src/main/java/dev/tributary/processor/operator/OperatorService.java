package dev.tributary.processor.operator;

import dev.tributary.processor.event.TaskEventRelay;
import dev.tributary.processor.signal.SchedulingSignals;
import dev.tributary.store.finalization.TaskFinalization;
import dev.tributary.store.operator.OperatorActions;
import dev.tributary.store.operator.StepBlockage;
import dev.tributary.store.task.TaskReads;
import dev.tributary.store.task.TaskView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator actions with the same follow-up as any step change: the task is finalized in the same
 * transaction (a blocked task whose failed step is retried or resolved resumes), then the scheduler
 * is signalled and task events are published.
 */
@Component
public class OperatorService {

  private static final Logger log = LoggerFactory.getLogger(OperatorService.class);

  private final OperatorActions actions;
  private final TaskFinalization finalization;
  private final TaskReads reads;
  private final TransactionTemplate transactions;
  private final SchedulingSignals signals;
  private final TaskEventRelay relay;
  private final Clock clock;

  OperatorService(
      OperatorActions actions,
      TaskFinalization finalization,
      TaskReads reads,
      TransactionTemplate transactions,
      SchedulingSignals signals,
      TaskEventRelay relay,
      Clock clock) {
    this.actions = actions;
    this.finalization = finalization;
    this.reads = reads;
    this.transactions = transactions;
    this.signals = signals;
    this.relay = relay;
    this.clock = clock;
  }

  /** Retries a failed step; the task resumes. */
  public TaskView retry(UUID taskId, String step) {
    return changeStep(taskId, step, "retry", now -> actions.retry(taskId, step, now), "error");
  }

  /** Resolves an unfinished or failed step with the given result. */
  public TaskView resolve(UUID taskId, String step, String resultJson) {
    return changeStep(
        taskId,
        step,
        "resolve",
        now -> actions.resolve(taskId, step, resultJson, now),
        "pending, enqueued, in_progress, waiting_for_retry or error");
  }

  /** Cancels an unfinished task and its unfinished steps. */
  public TaskView cancel(UUID taskId) {
    TaskView task = existing(taskId);
    boolean cancelled =
        Boolean.TRUE.equals(
            transactions.execute(status -> actions.cancel(taskId, clock.instant())));
    if (!cancelled) {
      throw new ActionRefusedException(
          "task "
              + taskId
              + " is "
              + task.state().wireName()
              + "; only an unfinished task can be cancelled");
    }
    log.info("Task {} cancelled by an operator", taskId);
    relay.wakeUp();
    return existing(taskId);
  }

  /** Why each step of the task is where it is. */
  public List<StepBlockage> explain(UUID taskId) {
    existing(taskId);
    return actions.explain(taskId);
  }

  private TaskView changeStep(
      UUID taskId, String step, String action, StepAction change, String allowedStates) {
    TaskView task = existing(taskId);
    Optional<UUID> changed =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              Optional<UUID> stepId = change.apply(now);
              stepId.ifPresent(
                  id -> finalization.finalizeTasks(Set.of(taskId), "operator_" + action, now));
              return stepId;
            });
    if (changed.isEmpty()) {
      String state =
          task.steps().stream()
              .filter(s -> s.name().equals(step))
              .findFirst()
              .map(s -> "is " + s.state().wireName())
              .orElse("does not exist");
      throw new ActionRefusedException(
          "step '"
              + step
              + "' of task "
              + taskId
              + " "
              + state
              + "; "
              + action
              + " needs "
              + allowedStates);
    }
    log.info("Step {} ({}) of task {}: {} by an operator", step, changed.get(), taskId, action);
    signals.send(Set.of(taskId));
    relay.wakeUp();
    return existing(taskId);
  }

  private TaskView existing(UUID taskId) {
    return reads.find(taskId).orElseThrow(() -> new UnknownTaskException(taskId));
  }

  @FunctionalInterface
  private interface StepAction {
    Optional<UUID> apply(Instant now);
  }
}
