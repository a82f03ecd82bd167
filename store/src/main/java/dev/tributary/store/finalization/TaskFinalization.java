package dev.tributary.store.finalization;

import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.store.internal.AuditRows;
import dev.tributary.store.internal.TaskEventRows;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.impl.SQLDataType;

/**
 * Decides the state of the given tasks from their steps, with one aggregate over their steps, and
 * records every change in one statement:
 *
 * <pre>
 * WITH counts  AS (SELECT task_id, count(*), count(*) FILTER (WHERE …) … FROM workflow_steps
 *                  WHERE task_id = ANY(:tasks) GROUP BY task_id),
 *      decided AS (SELECT t.id, t.state AS from_state, CASE … END AS to_state FROM counts JOIN tasks t),
 *      moved   AS (UPDATE tasks SET state = to_state … WHERE state = from_state AND to_state <> from_state),
 *      audit   AS (INSERT INTO task_transitions SELECT … FROM moved),
 *      events  AS (INSERT INTO task_event_outbox SELECT jsonb_build_object(…) FROM moved …)
 * SELECT * FROM moved
 * </pre>
 *
 * The rules, in order: every step complete (or resolved) → complete; a step running, queued or
 * ready → in progress; a retry due later → waiting for retry; a step failed for good and nothing
 * else can move → blocked by failures. Terminal tasks are left alone. The update is guarded by the
 * state the decision was made from, so a concurrent change wins and nothing is applied twice.
 */
public final class TaskFinalization {

  private final DSLContext dsl;

  public TaskFinalization(DSLContext dsl) {
    this.dsl = dsl;
  }

  public List<TaskMoved> finalizeTasks(Collection<UUID> taskIds, String cause, Instant now) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    WorkflowSteps s = WORKFLOW_STEPS;
    var counts =
        select(
                s.TASK_ID,
                count().as("total"),
                count()
                    .filterWhere(s.STATE.in(StepState.COMPLETE, StepState.RESOLVED_MANUALLY))
                    .as("done"),
                count()
                    .filterWhere(
                        s.STATE
                            .in(StepState.ENQUEUED, StepState.IN_PROGRESS)
                            .or(s.STATE.eq(StepState.PENDING).and(s.UNMET_DEPENDENCIES.eq(0))))
                    .as("active"),
                count().filterWhere(s.STATE.eq(StepState.WAITING_FOR_RETRY)).as("retrying"),
                count().filterWhere(s.STATE.eq(StepState.ERROR)).as("failed"))
            .from(s)
            .where(s.TASK_ID.in(taskIds))
            .groupBy(s.TASK_ID)
            .asTable("counts");
    Field<Integer> total = counts.field("total", Integer.class);
    Field<TaskState> decidedState =
        when(counts.field("done", Integer.class).eq(total), val(TaskState.COMPLETE, TASKS.STATE))
            .when(
                counts.field("active", Integer.class).gt(0),
                val(TaskState.IN_PROGRESS, TASKS.STATE))
            .when(
                counts.field("retrying", Integer.class).gt(0),
                val(TaskState.WAITING_FOR_RETRY, TASKS.STATE))
            .when(
                counts.field("failed", Integer.class).gt(0),
                val(TaskState.BLOCKED_BY_FAILURES, TASKS.STATE))
            .else_(val(TaskState.IN_PROGRESS, TASKS.STATE));
    var decided =
        select(TASKS.ID.as("task_id"), TASKS.STATE.as("from_state"), decidedState.as("to_state"))
            .from(counts)
            .join(TASKS)
            .on(TASKS.ID.eq(counts.field(s.TASK_ID)))
            .where(
                TASKS.STATE.notIn(
                    TaskState.COMPLETE, TaskState.CANCELLED, TaskState.RESOLVED_MANUALLY))
            .asTable("decided");
    Field<UUID> decidedTask = decided.field("task_id", SQLDataType.UUID);
    Field<TaskState> from = decided.field("from_state", TASKS.STATE.getDataType());
    Field<TaskState> to = decided.field("to_state", TASKS.STATE.getDataType());
    CommonTableExpression<Record5<UUID, TaskState, TaskState, UUID, String>> moved =
        name("moved")
            .as(
                update(TASKS)
                    .set(TASKS.STATE, to)
                    .set(TASKS.UPDATED_AT, now)
                    .set(
                        TASKS.COMPLETED_AT,
                        when(to.eq(TaskState.COMPLETE), val(now, TASKS.COMPLETED_AT)))
                    .from(decided)
                    .where(TASKS.ID.eq(decidedTask))
                    .and(TASKS.STATE.eq(from))
                    .and(to.ne(from))
                    .returningResult(
                        TASKS.ID,
                        from.as("from_state"),
                        TASKS.STATE,
                        TASKS.NAMED_TASK_ID,
                        TASKS.CORRELATION_ID));
    Field<UUID> movedId = moved.field(TASKS.ID);
    Field<TaskState> movedFrom = moved.field("from_state", TASKS.STATE.getDataType());
    Field<TaskState> movedTo = moved.field(TASKS.STATE);
    return dsl.with(moved)
        .with(name("audit").as(AuditRows.tasks(moved, movedFrom, movedTo, cause, now)))
        .with(name("events").as(TaskEventRows.insert(moved, now)))
        .select(movedId, movedFrom, movedTo)
        .from(moved)
        .fetch(r -> new TaskMoved(r.value1(), r.value2(), r.value3()));
  }
}
