package dev.tributary.store.maintenance;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import dev.tributary.core.state.TaskMachine;
import dev.tributary.store.internal.Columns;
import java.time.Instant;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;

/**
 * Deletes finished tasks that finished before a cutoff, oldest first, a bounded batch per call,
 * with their steps, edges and audit rows, in one statement:
 *
 * <pre>
 * WITH doomed     AS (SELECT id FROM tasks WHERE state IN (finished) AND updated_at &lt; :cutoff
 *                     ORDER BY updated_at LIMIT :n FOR UPDATE SKIP LOCKED),
 *      steps      AS (DELETE FROM workflow_steps USING doomed WHERE task_id = doomed.id RETURNING id),
 *      step_audit AS (DELETE FROM step_transitions USING steps WHERE step_id = steps.id),
 *      task_audit AS (DELETE FROM task_transitions USING doomed WHERE task_id = doomed.id),
 *      gone       AS (DELETE FROM tasks USING doomed WHERE tasks.id = doomed.id RETURNING id)
 * SELECT count(*) FROM gone
 * </pre>
 *
 * The edges go with their steps (ON DELETE CASCADE). A finished task changes no more, so its {@code
 * updated_at} is when it finished; the partial index {@code tasks_finished} finds the oldest
 * without reading the others. Locked rows are skipped, never waited for, so a late result holding a
 * finished task's row delays nothing.
 */
public final class FinishedTaskRetention {

  private final DSLContext dsl;

  public FinishedTaskRetention(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Deletes up to {@code limit} tasks finished before {@code cutoff}; returns how many. */
  public int deleteFinishedBefore(Instant cutoff, int limit) {
    CommonTableExpression<Record1<UUID>> doomed =
        name("doomed")
            .as(
                select(TASKS.ID)
                    .from(TASKS)
                    .where(TASKS.STATE.in(TaskMachine.FINISHED))
                    .and(TASKS.UPDATED_AT.lt(cutoff))
                    .orderBy(TASKS.UPDATED_AT)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked());
    Field<UUID> doomedId = Columns.of(doomed, TASKS.ID);
    CommonTableExpression<Record1<UUID>> steps =
        name("steps")
            .as(
                dsl.deleteFrom(WORKFLOW_STEPS)
                    .using(doomed)
                    .where(WORKFLOW_STEPS.TASK_ID.eq(doomedId))
                    .returningResult(WORKFLOW_STEPS.ID));
    CommonTableExpression<Record1<UUID>> gone =
        name("gone")
            .as(
                dsl.deleteFrom(TASKS)
                    .using(doomed)
                    .where(TASKS.ID.eq(doomedId))
                    .returningResult(TASKS.ID));
    return dsl.with(doomed)
        .with(steps)
        .with(
            name("step_audit")
                .as(
                    dsl.deleteFrom(STEP_TRANSITIONS)
                        .using(steps)
                        .where(STEP_TRANSITIONS.STEP_ID.eq(Columns.of(steps, WORKFLOW_STEPS.ID)))
                        .returningResult(STEP_TRANSITIONS.STEP_ID)))
        .with(
            name("task_audit")
                .as(
                    dsl.deleteFrom(TASK_TRANSITIONS)
                        .using(doomed)
                        .where(TASK_TRANSITIONS.TASK_ID.eq(doomedId))
                        .returningResult(TASK_TRANSITIONS.TASK_ID)))
        .with(gone)
        .select(count())
        .from(gone)
        .fetchSingle()
        .value1();
  }
}
