package dev.tributary.store.operator;

import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.StepEvent;
import dev.tributary.core.state.StepGuard;
import dev.tributary.core.state.StepMachine;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.store.internal.AuditRows;
import dev.tributary.store.internal.ChildCounters;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.internal.TaskEventRows;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.Record3;

/**
 * Operator actions, each one guarded statement that records its audit rows. A guard that does not
 * hold (the step is not failed, the task is already finished) changes nothing and returns empty;
 * the caller explains why.
 */
public final class OperatorActions {

  private final DSLContext dsl;

  public OperatorActions(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Locks the task until the transaction ends, as everything that finalizes a task does first (see
   * {@link dev.tributary.store.result.ResultContexts}), and returns its state; empty when there is
   * no such task.
   */
  public Optional<TaskState> lockTask(UUID taskId) {
    return dsl.select(TASKS.STATE)
        .from(TASKS)
        .where(TASKS.ID.eq(taskId))
        .forNoKeyUpdate()
        .fetchOptional(TASKS.STATE);
  }

  /** The state of the task's step of this name; empty when it has none. */
  public Optional<StepState> stepState(UUID taskId, String stepName) {
    return dsl.select(WORKFLOW_STEPS.STATE)
        .from(WORKFLOW_STEPS)
        .where(WORKFLOW_STEPS.TASK_ID.eq(taskId))
        .and(WORKFLOW_STEPS.NAME.eq(stepName))
        .fetchOptional(WORKFLOW_STEPS.STATE);
  }

  /**
   * A failed step goes back to pending with a fresh set of attempts (its template's number, on top
   * of those it used), so the scheduler dispatches it again: error → pending.
   */
  public Optional<UUID> retry(UUID taskId, String stepName, String operator, Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    var moved =
        name("moved")
            .as(
                update(s)
                    .set(s.STATE, StepMachine.target(StepEvent.OPERATOR_RETRIED))
                    // A fresh set: the attempts that counted so far, and the template's number.
                    .set(
                        s.MAX_ATTEMPTS,
                        s.ATTEMPTS.minus(s.FREE_ATTEMPTS).plus(NAMED_STEPS.MAX_ATTEMPTS))
                    .set(s.WAITING_SINCE, castNull(s.WAITING_SINCE))
                    .set(s.NEXT_ATTEMPT_AT, castNull(s.NEXT_ATTEMPT_AT))
                    .set(s.DEADLINE_AT, castNull(s.DEADLINE_AT))
                    .set(s.COMPLETED_AT, castNull(s.COMPLETED_AT))
                    .set(s.UPDATED_AT, now)
                    .from(NAMED_STEPS)
                    .where(NAMED_STEPS.ID.eq(s.NAMED_STEP_ID))
                    .and(s.TASK_ID.eq(taskId))
                    .and(s.NAME.eq(stepName))
                    .and(s.STATE.in(StepMachine.sources(StepEvent.OPERATOR_RETRIED)))
                    .returningResult(s.ID, s.TASK_ID, s.STATE, s.ATTEMPTS));
    return dsl.with(moved)
        .with(
            name("audit")
                .as(
                    AuditRows.steps(
                        moved,
                        val(
                            StepMachine.source(StepEvent.OPERATOR_RETRIED, StepGuard.ALWAYS),
                            WORKFLOW_STEPS.STATE),
                        "operator_retry",
                        operatorMetadata(operator),
                        now)))
        .select(Columns.of(moved, s.ID))
        .from(moved)
        .fetchOptional(Columns.of(moved, s.ID));
  }

  /**
   * A step that has not completed is resolved by hand with the given result, and counts as complete
   * for the steps that depend on it.
   */
  public Optional<UUID> resolve(
      UUID taskId, String stepName, String resultJson, String operator, Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    CommonTableExpression<Record2<UUID, StepState>> previous =
        name("previous")
            .as(
                select(s.ID, s.STATE)
                    .from(s)
                    .where(s.TASK_ID.eq(taskId))
                    .and(s.NAME.eq(stepName))
                    .and(s.STATE.in(StepMachine.sources(StepEvent.OPERATOR_RESOLVED)))
                    .forUpdate());
    var moved =
        name("moved")
            .as(
                update(s)
                    .set(s.STATE, StepMachine.target(StepEvent.OPERATOR_RESOLVED))
                    .set(s.RESULTS, JSONB.valueOf(resultJson))
                    .set(s.NEXT_ATTEMPT_AT, castNull(s.NEXT_ATTEMPT_AT))
                    .set(s.DEADLINE_AT, castNull(s.DEADLINE_AT))
                    .set(s.COMPLETED_AT, now)
                    .set(s.UPDATED_AT, now)
                    .from(previous)
                    .where(s.ID.eq(Columns.of(previous, s.ID)))
                    .returningResult(
                        s.ID,
                        s.TASK_ID,
                        s.STATE,
                        s.ATTEMPTS,
                        s.TRACE_PARENT,
                        Columns.of(previous, s.STATE).as("from_state")));
    return dsl.with(previous)
        .with(moved)
        .with(
            name("audit")
                .as(
                    AuditRows.steps(
                        moved,
                        AuditRows.previousStepState(moved),
                        "operator_resolve",
                        operatorMetadata(operator),
                        now)))
        .with(name("children").as(ChildCounters.decrement(moved, now)))
        .select(Columns.of(moved, s.ID))
        .from(moved)
        .fetchOptional(Columns.of(moved, s.ID));
  }

  /**
   * Cancels an unfinished task and every step of it that has not finished: results that arrive for
   * them afterwards are ignored. Audits both and writes the task's event.
   */
  public boolean cancel(UUID taskId, String operator, Instant now) {
    CommonTableExpression<Record2<UUID, TaskState>> previous =
        name("previous")
            .as(
                select(TASKS.ID, TASKS.STATE)
                    .from(TASKS)
                    .where(TASKS.ID.eq(taskId))
                    .and(TASKS.STATE.in(TaskMachine.sources(TaskMachine.Event.CANCELLED)))
                    .forUpdate());
    var moved =
        name("moved")
            .as(
                update(TASKS)
                    .set(TASKS.STATE, TaskState.CANCELLED)
                    .set(TASKS.UPDATED_AT, now)
                    .set(TASKS.COMPLETED_AT, now)
                    .from(previous)
                    .where(TASKS.ID.eq(Columns.of(previous, TASKS.ID)))
                    .returningResult(
                        TASKS.ID,
                        Columns.of(previous, TASKS.STATE).as("from_state"),
                        TASKS.STATE,
                        TASKS.NAMED_TASK_ID,
                        TASKS.CORRELATION_ID,
                        TASKS.TRACE_PARENT));
    WorkflowSteps s = WORKFLOW_STEPS;
    CommonTableExpression<Record3<UUID, StepState, Integer>> openSteps =
        name("open_steps")
            .as(
                select(s.ID, s.STATE, s.ATTEMPTS)
                    .from(s)
                    .where(s.TASK_ID.eq(taskId))
                    .and(s.STATE.in(StepMachine.sources(StepEvent.TASK_CANCELLED)))
                    .forUpdate());
    var cancelledSteps =
        name("cancelled_steps")
            .as(
                update(s)
                    .set(s.STATE, StepMachine.target(StepEvent.TASK_CANCELLED))
                    .set(s.NEXT_ATTEMPT_AT, castNull(s.NEXT_ATTEMPT_AT))
                    .set(s.DEADLINE_AT, castNull(s.DEADLINE_AT))
                    .set(s.UPDATED_AT, now)
                    .from(openSteps)
                    .where(s.ID.eq(Columns.of(openSteps, s.ID)))
                    .and(org.jooq.impl.DSL.exists(select().from(moved)))
                    .returningResult(
                        s.ID,
                        s.TASK_ID,
                        s.STATE,
                        s.ATTEMPTS,
                        Columns.of(openSteps, s.STATE).as("from_state")));
    return dsl.with(previous)
            .with(moved)
            .with(
                name("task_audit")
                    .as(
                        AuditRows.tasks(
                            moved,
                            AuditRows.previousTaskState(moved),
                            Columns.of(moved, TASKS.STATE),
                            "operator_cancel",
                            operatorMetadata(operator),
                            now)))
            .with(name("events").as(TaskEventRows.insert(moved, now)))
            .with(openSteps)
            .with(cancelledSteps)
            .with(
                name("step_audit")
                    .as(
                        AuditRows.steps(
                            cancelledSteps,
                            AuditRows.previousStepState(cancelledSteps),
                            "operator_cancel",
                            operatorMetadata(operator),
                            now)))
            .selectCount()
            .from(moved)
            .fetchSingle()
            .value1()
        == 1;
  }

  /** The audit rows' metadata of an operator's action: who acted. */
  private static Field<JSONB> operatorMetadata(String operator) {
    return jsonbObject(key("operator").value(val(operator)));
  }

  /** Every step of the task, with why it is not progressing (from the readiness view). */
  public List<StepBlockage> explain(UUID taskId) {
    return dsl.select(
            STEP_READINESS.NAME,
            STEP_READINESS.STATE,
            STEP_READINESS.ATTEMPTS,
            STEP_READINESS.READY,
            STEP_READINESS.WAITING_FOR,
            STEP_READINESS.BLOCKING_REASON)
        .from(STEP_READINESS)
        .where(STEP_READINESS.TASK_ID.eq(taskId))
        .orderBy(STEP_READINESS.STEP_ID)
        .fetch(
            r ->
                new StepBlockage(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    Boolean.TRUE.equals(r.value4()),
                    r.value5() == null ? List.of() : Arrays.asList(r.value5()),
                    r.value6()));
  }
}
