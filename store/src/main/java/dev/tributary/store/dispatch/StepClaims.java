package dev.tributary.store.dispatch;

import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonbObjectAgg;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.StepEvent;
import dev.tributary.core.state.StepGuard;
import dev.tributary.core.state.StepMachine;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.store.internal.AuditRows;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.internal.TaskEventRows;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.OrderField;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Claims steps for dispatch. Every claim is one statement:
 *
 * <pre>
 * WITH candidates AS (SELECT id, state FROM workflow_steps WHERE &lt;which&gt;
 *                     ORDER BY &lt;order&gt; LIMIT :n FOR UPDATE SKIP LOCKED),
 *      claimed    AS (UPDATE workflow_steps SET state = 'enqueued', attempts = attempts + 1,
 *                     dispatched_at = :now, deadline_at = :now + timeout … FROM candidates RETURNING …),
 *      audit      AS (INSERT INTO step_transitions SELECT … FROM claimed),
 *      tasks_moved AS (UPDATE tasks SET state = 'in_progress' WHERE id IN (claimed's tasks)
 *                      AND state IN ('pending', 'waiting_for_retry')), with their audit and events
 * SELECT claimed.*, handler, namespace, task context, correlation id,
 *        (dependency results by name, at most :max), (dependency count)
 * FROM claimed JOIN tasks JOIN named_steps JOIN named_tasks JOIN task_namespaces
 * </pre>
 *
 * Each kind of candidate is served by its own partial index, so a claim costs what it returns, not
 * what the table holds. A task whose step is enqueued is in progress: the claim moves a task that
 * was pending (its first dispatch) or waiting for a retry (the retry's dispatch) there, and only
 * such tasks are locked.
 */
public final class StepClaims {

  private final DSLContext dsl;

  public StepClaims(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Ready steps of the given tasks (signal-driven), higher priority first. */
  public List<ClaimedStep> claimReady(
      Collection<UUID> taskIds, int limit, int maxDependencyResults, Instant now) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    WorkflowSteps s = WORKFLOW_STEPS;
    return claim(
        s.TASK_ID.eq(any(val(taskIds.toArray(UUID[]::new)))).and(ready()),
        List.of(s.PRIORITY.desc(), s.ID.asc()),
        limit,
        maxDependencyResults,
        "dispatch",
        now);
  }

  /** Ready steps of any task, for those no signal reached (the sweep), higher priority first. */
  public List<ClaimedStep> claimReadyAnywhere(int limit, int maxDependencyResults, Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    return claim(
        ready(), List.of(s.PRIORITY.desc(), s.ID.asc()), limit, maxDependencyResults, "sweep", now);
  }

  /** Steps waiting for a retry whose backoff has passed, longest due first. */
  public List<ClaimedStep> claimRetriesDue(int limit, int maxDependencyResults, Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    return claim(
        s.STATE
            .eq(StepMachine.source(StepEvent.CLAIMED, StepGuard.RETRY_DUE))
            .and(s.NEXT_ATTEMPT_AT.le(now)),
        List.of(s.NEXT_ATTEMPT_AT.asc(), s.ID.asc()),
        limit,
        maxDependencyResults,
        "retry",
        now);
  }

  private static Condition ready() {
    return WORKFLOW_STEPS
        .STATE
        .eq(StepMachine.source(StepEvent.CLAIMED, StepGuard.READY))
        .and(WORKFLOW_STEPS.UNMET_DEPENDENCIES.eq(0));
  }

  private List<ClaimedStep> claim(
      Condition which,
      List<? extends OrderField<?>> order,
      int limit,
      int maxDependencyResults,
      String cause,
      Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    CommonTableExpression<Record2<UUID, StepState>> candidates =
        name("candidates")
            .as(
                select(s.ID, s.STATE)
                    .from(s)
                    .where(which)
                    .orderBy(order)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked());
    Field<UUID> candidateId = Columns.of(candidates, s.ID);
    var claimed =
        name("claimed")
            .as(
                update(s)
                    .set(s.STATE, StepMachine.target(StepEvent.CLAIMED))
                    .set(s.ATTEMPTS, s.ATTEMPTS.plus(1))
                    .set(s.DISPATCHED_AT, now)
                    .set(s.DEADLINE_AT, plusMillis(now, s.TIMEOUT_MS))
                    .set(s.NEXT_ATTEMPT_AT, castNull(s.NEXT_ATTEMPT_AT))
                    .set(s.CHECKPOINT_SEQUENCE, 0L)
                    // The wait for a worker begins with the first dispatch no worker answered.
                    .set(s.WAITING_SINCE, coalesce(s.WAITING_SINCE, val(now, s.WAITING_SINCE)))
                    .set(s.UPDATED_AT, now)
                    .from(candidates)
                    .where(s.ID.eq(candidateId))
                    .returningResult(
                        s.ID,
                        s.TASK_ID,
                        s.NAME,
                        s.ATTEMPTS,
                        s.MAX_ATTEMPTS.plus(s.FREE_ATTEMPTS).as(s.MAX_ATTEMPTS.getName()),
                        s.NAMED_STEP_ID,
                        s.TIMEOUT_MS,
                        s.INPUTS,
                        s.CHECKPOINT,
                        s.DEADLINE_AT,
                        s.STATE,
                        s.TRACE_PARENT,
                        Columns.of(candidates, s.STATE).as("from_state")));
    Field<UUID> id = Columns.of(claimed, s.ID);
    var waitingTasks =
        name("waiting_tasks")
            .as(
                select(TASKS.ID, TASKS.STATE)
                    .from(TASKS)
                    .where(TASKS.ID.in(select(Columns.of(claimed, s.TASK_ID)).from(claimed)))
                    .and(TASKS.STATE.in(TaskMachine.sources(TaskMachine.Event.STEP_ENQUEUED)))
                    .forNoKeyUpdate());
    var tasksMoved =
        name("tasks_moved")
            .as(
                update(TASKS)
                    .set(TASKS.STATE, TaskState.IN_PROGRESS)
                    .set(TASKS.UPDATED_AT, now)
                    .from(waitingTasks)
                    .where(TASKS.ID.eq(Columns.of(waitingTasks, TASKS.ID)))
                    .returningResult(
                        TASKS.ID,
                        Columns.of(waitingTasks, TASKS.STATE).as("from_state"),
                        TASKS.STATE,
                        TASKS.NAMED_TASK_ID,
                        TASKS.CORRELATION_ID,
                        TASKS.TRACE_PARENT));
    return dsl.with(candidates)
        .with(claimed)
        .with(
            name("audit")
                .as(AuditRows.steps(claimed, AuditRows.previousStepState(claimed), cause, now)))
        .with(waitingTasks)
        .with(tasksMoved)
        .with(
            name("task_audit")
                .as(
                    AuditRows.tasks(
                        tasksMoved,
                        AuditRows.previousTaskState(tasksMoved),
                        Columns.of(tasksMoved, TASKS.STATE),
                        "dispatch",
                        now)))
        .with(name("task_events").as(TaskEventRows.insert(tasksMoved, now)))
        .select(
            id,
            Columns.of(claimed, s.TASK_ID),
            Columns.of(claimed, s.NAME),
            Columns.of(claimed, s.ATTEMPTS),
            Columns.of(claimed, s.MAX_ATTEMPTS),
            TASK_NAMESPACES.NAME,
            NAMED_STEPS.HANDLER,
            TASKS.CONTEXT,
            Columns.of(claimed, s.INPUTS),
            Columns.of(claimed, s.CHECKPOINT),
            dependencyResults(id, maxDependencyResults),
            field(selectCount().from(WORKFLOW_STEP_EDGES).where(WORKFLOW_STEP_EDGES.TO_STEP.eq(id)))
                .as("dependency_count"),
            TASKS.CORRELATION_ID,
            Columns.of(claimed, s.DEADLINE_AT),
            Columns.of(claimed, s.TIMEOUT_MS),
            // The span that made the step ready; the task's creation when none did (a root step).
            coalesce(Columns.of(claimed, s.TRACE_PARENT), TASKS.TRACE_PARENT))
        .from(claimed)
        .join(TASKS)
        .on(TASKS.ID.eq(Columns.of(claimed, s.TASK_ID)))
        .join(NAMED_STEPS)
        .on(NAMED_STEPS.ID.eq(Columns.of(claimed, s.NAMED_STEP_ID)))
        .join(NAMED_TASKS)
        .on(NAMED_TASKS.ID.eq(TASKS.NAMED_TASK_ID))
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        .fetch(
            r ->
                new ClaimedStep(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8().data(),
                    r.value9().data(),
                    r.value10() == null ? null : r.value10().data(),
                    r.value11().data(),
                    r.value12(),
                    Math.max(0, r.value12() - maxDependencyResults),
                    r.value13(),
                    r.value14(),
                    r.value15(),
                    r.value16()));
  }

  /**
   * {@code {name: results}} of the step's dependencies, the first {@code max} by name: a dispatch
   * stays bounded however large the fan-in; the count tells the worker how many it has in all.
   */
  private static Field<JSONB> dependencyResults(Field<UUID> stepId, int max) {
    WorkflowSteps parent = WORKFLOW_STEPS.as("parent");
    Table<?> firstParents =
        select(parent.NAME, parent.RESULTS)
            .from(WORKFLOW_STEP_EDGES)
            .join(parent)
            .on(parent.ID.eq(WORKFLOW_STEP_EDGES.FROM_STEP))
            .where(WORKFLOW_STEP_EDGES.TO_STEP.eq(stepId))
            .orderBy(parent.NAME)
            .limit(max)
            .asTable("first_parents");
    return field(
            select(
                    coalesce(
                        jsonbObjectAgg(
                            Columns.of(firstParents, parent.NAME),
                            coalesce(
                                Columns.of(firstParents, parent.RESULTS),
                                inline(JSONB.valueOf("null")))),
                        inline(JSONB.valueOf("{}"))))
                .from(firstParents))
        .as("dependency_results");
  }

  /** {@code now + millis}; jOOQ has no interval arithmetic in milliseconds for timestamptz. */
  static Field<Instant> plusMillis(Instant now, Field<Integer> millis) {
    return field(
        "{0} + make_interval(secs => {1} / 1000.0)",
        SQLDataType.INSTANT, val(now, SQLDataType.INSTANT), millis);
  }
}
