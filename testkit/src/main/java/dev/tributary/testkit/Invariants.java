package dev.tributary.testkit;

import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.lag;
import static org.jooq.impl.DSL.lastValue;
import static org.jooq.impl.DSL.partitionBy;

import dev.tributary.contracts.StepState;
import dev.tributary.store.internal.Columns;
import org.jooq.DSLContext;

/**
 * Checks of the database's invariants, for the end of every integration test that changes workflow
 * state.
 */
public final class Invariants {

  private Invariants() {}

  /** All of the checks below. */
  public static void assertAll(DSLContext db) {
    assertCountersMatchReadinessView(db);
    assertNoTransitionAppliedTwice(db);
    assertAuditConsistent(db);
  }

  /**
   * Every step's dependency counter equals the count the readiness view recomputes from the edges:
   * the counters never drift.
   */
  public static void assertCountersMatchReadinessView(DSLContext db) {
    assertThat(
            db.select(
                    STEP_READINESS.TASK_ID,
                    STEP_READINESS.NAME,
                    STEP_READINESS.UNMET_DEPENDENCIES,
                    STEP_READINESS.COMPUTED_UNMET_DEPENDENCIES)
                .from(STEP_READINESS)
                .where(
                    STEP_READINESS
                        .UNMET_DEPENDENCIES
                        .cast(Long.class)
                        .ne(STEP_READINESS.COMPUTED_UNMET_DEPENDENCIES))
                .fetch())
        .as("steps whose unmet_dependencies counter disagrees with the edges")
        .isEmpty();
  }

  /**
   * Every step's and task's audit trail is a chain from its first state to its current one: each
   * transition leaves the state the one before it entered, and the last entered the state the row
   * is in now. A transition applied without its audit row, or audited twice, breaks the chain.
   */
  public static void assertAuditConsistent(DSLContext db) {
    var steps =
        db.select(
                STEP_TRANSITIONS.STEP_ID,
                STEP_TRANSITIONS.FROM_STATE,
                lag(STEP_TRANSITIONS.TO_STATE)
                    .over(partitionBy(STEP_TRANSITIONS.STEP_ID).orderBy(STEP_TRANSITIONS.ID))
                    .as("previous"))
            .from(STEP_TRANSITIONS)
            .asTable("steps");
    assertThat(
            db.selectFrom(steps)
                .where(
                    Columns.of(steps, "previous", STEP_TRANSITIONS.TO_STATE.getDataType())
                        .isNull()
                        .and(Columns.of(steps, STEP_TRANSITIONS.FROM_STATE).ne(StepState.PENDING))
                        .or(
                            Columns.of(steps, STEP_TRANSITIONS.FROM_STATE)
                                .ne(
                                    Columns.of(
                                        steps,
                                        "previous",
                                        STEP_TRANSITIONS.TO_STATE.getDataType()))))
                .fetch())
        .as("step transitions that do not leave the state the previous one entered")
        .isEmpty();
    var last =
        db.select(
                STEP_TRANSITIONS.STEP_ID,
                lastValue(STEP_TRANSITIONS.TO_STATE)
                    .over(
                        partitionBy(STEP_TRANSITIONS.STEP_ID)
                            .orderBy(STEP_TRANSITIONS.ID)
                            .rowsBetweenUnboundedPreceding()
                            .andUnboundedFollowing())
                    .as("last_state"))
            .from(STEP_TRANSITIONS)
            .asTable("last");
    assertThat(
            db.selectDistinct(WORKFLOW_STEPS.ID, WORKFLOW_STEPS.NAME, WORKFLOW_STEPS.STATE)
                .from(WORKFLOW_STEPS)
                .join(last)
                .on(Columns.of(last, STEP_TRANSITIONS.STEP_ID).eq(WORKFLOW_STEPS.ID))
                .where(
                    WORKFLOW_STEPS.STATE.ne(
                        Columns.of(last, "last_state", STEP_TRANSITIONS.TO_STATE.getDataType())))
                .fetch())
        .as("steps whose state is not the one their last audited transition entered")
        .isEmpty();
    var tasks =
        db.select(
                TASK_TRANSITIONS.TASK_ID,
                TASK_TRANSITIONS.FROM_STATE,
                TASK_TRANSITIONS.TO_STATE,
                lag(TASK_TRANSITIONS.TO_STATE)
                    .over(partitionBy(TASK_TRANSITIONS.TASK_ID).orderBy(TASK_TRANSITIONS.ID))
                    .as("previous"),
                lastValue(TASK_TRANSITIONS.TO_STATE)
                    .over(
                        partitionBy(TASK_TRANSITIONS.TASK_ID)
                            .orderBy(TASK_TRANSITIONS.ID)
                            .rowsBetweenUnboundedPreceding()
                            .andUnboundedFollowing())
                    .as("last_state"))
            .from(TASK_TRANSITIONS)
            .asTable("tasks_audit");
    assertThat(
            db.select(tasks.fields())
                .from(tasks)
                .join(TASKS)
                .on(TASKS.ID.eq(Columns.of(tasks, TASK_TRANSITIONS.TASK_ID)))
                .where(
                    Columns.of(tasks, TASK_TRANSITIONS.FROM_STATE)
                        .isDistinctFrom(
                            Columns.of(tasks, "previous", TASK_TRANSITIONS.TO_STATE.getDataType()))
                        .or(
                            TASKS.STATE.ne(
                                Columns.of(
                                    tasks, "last_state", TASK_TRANSITIONS.TO_STATE.getDataType()))))
                .fetch())
        .as("task transitions out of chain, or tasks not in their last audited state")
        .isEmpty();
  }

  /** No step entered the same state twice in the same attempt: no transition applied twice. */
  public static void assertNoTransitionAppliedTwice(DSLContext db) {
    assertThat(
            db.select(
                    STEP_TRANSITIONS.STEP_ID,
                    STEP_TRANSITIONS.ATTEMPT,
                    STEP_TRANSITIONS.TO_STATE,
                    count())
                .from(STEP_TRANSITIONS)
                .groupBy(
                    STEP_TRANSITIONS.STEP_ID, STEP_TRANSITIONS.ATTEMPT, STEP_TRANSITIONS.TO_STATE)
                .having(count().gt(1))
                .fetch())
        .as("(step, attempt, state) entered more than once")
        .isEmpty();
  }
}
