package dev.tributary.store.internal;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import java.time.Instant;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.JSONB;
import org.jooq.Record1;

/**
 * The audit rows of the steps or tasks a statement moved, as data-modifying CTEs over its {@code
 * moved} rows, so that a change and its audit are one statement.
 */
public final class AuditRows {

  private AuditRows() {}

  /**
   * One step transition per row of {@code moved}, which must have the columns {@code id}, {@code
   * task_id}, {@code state} and {@code attempts} of {@code workflow_steps}.
   *
   * @param from the state each step left
   */
  public static InsertResultStep<Record1<Long>> steps(
      CommonTableExpression<?> moved, Field<StepState> from, String cause, Instant now) {
    return steps(moved, from, cause, castNull(STEP_TRANSITIONS.METADATA), now);
  }

  /**
   * As {@link #steps(CommonTableExpression, Field, String, Instant)}, with metadata on every row,
   * e.g. the operator who acted.
   */
  public static InsertResultStep<Record1<Long>> steps(
      CommonTableExpression<?> moved,
      Field<StepState> from,
      String cause,
      Field<JSONB> metadata,
      Instant now) {
    return insertInto(
            STEP_TRANSITIONS,
            STEP_TRANSITIONS.TASK_ID,
            STEP_TRANSITIONS.STEP_ID,
            STEP_TRANSITIONS.FROM_STATE,
            STEP_TRANSITIONS.TO_STATE,
            STEP_TRANSITIONS.ATTEMPT,
            STEP_TRANSITIONS.CAUSE,
            STEP_TRANSITIONS.METADATA,
            STEP_TRANSITIONS.OCCURRED_AT)
        .select(
            select(
                    Columns.of(moved, WORKFLOW_STEPS.TASK_ID),
                    Columns.of(moved, WORKFLOW_STEPS.ID),
                    from,
                    Columns.of(moved, WORKFLOW_STEPS.STATE),
                    Columns.of(moved, WORKFLOW_STEPS.ATTEMPTS),
                    val(cause),
                    metadata,
                    val(now, STEP_TRANSITIONS.OCCURRED_AT))
                .from(moved))
        .returningResult(STEP_TRANSITIONS.ID);
  }

  /**
   * One task transition per row of {@code moved}, which must have the column {@code id} of {@code
   * tasks}.
   *
   * @param from the state each task left (null for a new task)
   * @param to the state it entered
   */
  public static InsertResultStep<Record1<Long>> tasks(
      CommonTableExpression<?> moved,
      Field<TaskState> from,
      Field<TaskState> to,
      String cause,
      Instant now) {
    return tasks(moved, from, to, cause, castNull(TASK_TRANSITIONS.METADATA), now);
  }

  /**
   * As {@link #tasks(CommonTableExpression, Field, Field, String, Instant)}, with metadata on every
   * row, e.g. the operator who acted.
   */
  public static InsertResultStep<Record1<Long>> tasks(
      CommonTableExpression<?> moved,
      Field<TaskState> from,
      Field<TaskState> to,
      String cause,
      Field<JSONB> metadata,
      Instant now) {
    return insertInto(
            TASK_TRANSITIONS,
            TASK_TRANSITIONS.TASK_ID,
            TASK_TRANSITIONS.FROM_STATE,
            TASK_TRANSITIONS.TO_STATE,
            TASK_TRANSITIONS.CAUSE,
            TASK_TRANSITIONS.METADATA,
            TASK_TRANSITIONS.OCCURRED_AT)
        .select(
            select(
                    Columns.of(moved, TASKS.ID),
                    from,
                    to,
                    val(cause),
                    metadata,
                    val(now, TASK_TRANSITIONS.OCCURRED_AT))
                .from(moved))
        .returningResult(TASK_TRANSITIONS.ID);
  }

  /** The {@code from_state} column a statement's {@code moved} rows carry, as a step state. */
  public static Field<StepState> previousStepState(CommonTableExpression<?> moved) {
    return Columns.of(moved, "from_state", WORKFLOW_STEPS.STATE.getDataType());
  }

  /** The {@code from_state} column a statement's {@code moved} rows carry, as a task state. */
  public static Field<TaskState> previousTaskState(CommonTableExpression<?> moved) {
    return Columns.of(moved, "from_state", TASKS.STATE.getDataType());
  }
}
