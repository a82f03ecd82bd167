package dev.tributary.processor.operator;

import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.processor.signal.TaskChanges;
import dev.tributary.service.tracing.MessageTracing;
import dev.tributary.store.finalization.TaskFinalization;
import dev.tributary.store.finalization.TaskMoved;
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
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator actions with the same follow-up as any step change: the task is finalized in the same
 * transaction (a blocked task whose failed step is retried or resolved resumes), then the scheduler
 * is signalled and task events are published. Each transaction locks its task first, so that an
 * action and a result arriving at the same moment finalize the task one after the other. A task
 * that has finished (complete, cancelled, resolved) takes no more actions.
 */
@Component
public class OperatorService {

  private static final Logger log = LoggerFactory.getLogger(OperatorService.class);

  private final OperatorActions actions;
  private final TaskFinalization finalization;
  private final TaskReads reads;
  private final TransactionTemplate transactions;
  private final TaskChanges changes;
  private final Clock clock;

  OperatorService(
      OperatorActions actions,
      TaskFinalization finalization,
      TaskReads reads,
      TransactionTemplate transactions,
      TaskChanges changes,
      Clock clock) {
    this.actions = actions;
    this.finalization = finalization;
    this.reads = reads;
    this.transactions = transactions;
    this.changes = changes;
    this.clock = clock;
  }

  /** Retries a failed step; the task resumes. */
  public TaskView retry(UUID taskId, String step, String operator) {
    return changeStep(
        taskId,
        step,
        "retry",
        now -> actions.retry(taskId, step, operator, now),
        "error",
        operator);
  }

  /** Resolves an unfinished or failed step with the given result. */
  public TaskView resolve(UUID taskId, String step, String resultJson, String operator) {
    return changeStep(
        taskId,
        step,
        "resolve",
        now -> actions.resolve(taskId, step, resultJson, operator, now),
        "pending, enqueued, in_progress, waiting_for_retry or error",
        operator);
  }

  /** Cancels an unfinished task and its unfinished steps. */
  @SuppressWarnings("try") // the MDC entries hold while the block runs
  public TaskView cancel(UUID taskId, String operator) {
    TaskState previous =
        transactions.execute(
            status -> {
              TaskState state = unfinished(taskId);
              actions.cancel(taskId, operator, clock.instant());
              return state;
            });
    try (MDC.MDCCloseable logs = MDC.putCloseable(MessageTracing.MDC_TASK_ID, taskId.toString())) {
      log.info("Task {} cancelled by operator {}", taskId, operator);
    }
    TaskView cancelled = existing(taskId);
    changes.committed(
        Set.of(),
        List.of(
            new TaskMoved(
                taskId,
                previous,
                TaskState.CANCELLED,
                cancelled.namespace(),
                cancelled.name(),
                cancelled.createdAt())));
    return cancelled;
  }

  /** Why each step of the task is where it is. */
  public List<StepBlockage> explain(UUID taskId) {
    existing(taskId);
    return actions.explain(taskId);
  }

  @SuppressWarnings("try") // the MDC entries hold while the block runs
  private TaskView changeStep(
      UUID taskId,
      String step,
      String action,
      StepAction change,
      String allowedStates,
      String operator) {
    Changed changed =
        transactions.execute(
            status -> {
              unfinished(taskId);
              Instant now = clock.instant();
              Optional<UUID> stepId = change.apply(now);
              if (stepId.isEmpty()) {
                throw refused(taskId, step, action, allowedStates);
              }
              return new Changed(
                  stepId.get(),
                  finalization.finalizeTasks(Set.of(taskId), "operator_" + action, now));
            });
    try (MDC.MDCCloseable task = MDC.putCloseable(MessageTracing.MDC_TASK_ID, taskId.toString());
        MDC.MDCCloseable stepId =
            MDC.putCloseable(MessageTracing.MDC_STEP_ID, changed.stepId().toString())) {
      log.info(
          "Step {} ({}) of task {}: {} by operator {}",
          step,
          changed.stepId(),
          taskId,
          action,
          operator);
    }
    changes.committed(Set.of(taskId), changed.tasksMoved());
    return existing(taskId);
  }

  /** Locks the task for the rest of the transaction; refuses unless it can still change. */
  private TaskState unfinished(UUID taskId) {
    TaskState state = actions.lockTask(taskId).orElseThrow(() -> new UnknownTaskException(taskId));
    if (TaskMachine.FINISHED.contains(state)) {
      throw new ActionRefusedException(
          "task "
              + taskId
              + " is "
              + state.wireName()
              + "; a finished task takes no operator actions");
    }
    return state;
  }

  private RuntimeException refused(UUID taskId, String step, String action, String allowed) {
    return actions
        .stepState(taskId, step)
        .<RuntimeException>map(
            state ->
                new ActionRefusedException(
                    "step '"
                        + step
                        + "' of task "
                        + taskId
                        + " is "
                        + state.wireName()
                        + "; "
                        + action
                        + " needs "
                        + allowed))
        .orElseGet(() -> new UnknownStepException(taskId, step));
  }

  private TaskView existing(UUID taskId) {
    return reads.find(taskId).orElseThrow(() -> new UnknownTaskException(taskId));
  }

  private record Changed(UUID stepId, List<TaskMoved> tasksMoved) {}

  @FunctionalInterface
  private interface StepAction {
    Optional<UUID> apply(Instant now);
  }
}
