package dev.tributary.testkit;

import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.count;

import org.jooq.DSLContext;

/**
 * Checks of the database's invariants, for the end of every integration test that changes workflow
 * state.
 */
public final class Invariants {

  private Invariants() {}

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
