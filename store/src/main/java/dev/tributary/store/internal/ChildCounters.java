package dev.tributary.store.internal;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;

import dev.tributary.core.state.StepMachine;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Record3;
import org.jooq.UpdateResultStep;

/**
 * The dependency counters of the children of steps that just completed (or were resolved by an
 * operator), as one data-modifying CTE over the statement's {@code moved} steps:
 *
 * <pre>
 * UPDATE workflow_steps child SET unmet_dependencies = unmet_dependencies - n,
 *                                  trace_parent = coalesce(done.trace_parent, child.trace_parent)
 * FROM (SELECT to_step, count(*) n, max(moved.trace_parent) trace_parent
 *       FROM moved JOIN workflow_step_edges ON from_step = moved.id
 *       WHERE moved.state IN ('complete', 'resolved_manually') GROUP BY to_step) done
 * WHERE child.id = done.to_step
 * </pre>
 *
 * {@code moved} must have the columns {@code id}, {@code state} and {@code trace_parent} of {@code
 * workflow_steps}. It returns each child's id, task id and unmet dependencies left: 0 means it may
 * be ready now. A child takes the trace context of a parent that completed here, so that its
 * dispatch joins the trace under the result that readied it (any one, when several did at once).
 */
public final class ChildCounters {

  private ChildCounters() {}

  public static UpdateResultStep<Record3<UUID, UUID, Integer>> decrement(
      CommonTableExpression<?> moved, Instant now) {
    WorkflowSteps child = WORKFLOW_STEPS.as("child");
    var done =
        select(
                WORKFLOW_STEP_EDGES.TO_STEP,
                count().as("n"),
                max(Columns.of(moved, WORKFLOW_STEPS.TRACE_PARENT)).as("trace_parent"))
            .from(moved)
            .join(WORKFLOW_STEP_EDGES)
            .on(WORKFLOW_STEP_EDGES.FROM_STEP.eq(Columns.of(moved, WORKFLOW_STEPS.ID)))
            .where(Columns.of(moved, WORKFLOW_STEPS.STATE).in(StepMachine.SATISFIES_DEPENDENTS))
            .groupBy(WORKFLOW_STEP_EDGES.TO_STEP)
            .asTable("done");
    return update(child)
        .set(
            child.UNMET_DEPENDENCIES,
            child.UNMET_DEPENDENCIES.minus(Columns.of(done, "n", Integer.class)))
        .set(
            child.TRACE_PARENT,
            coalesce(Columns.of(done, "trace_parent", String.class), child.TRACE_PARENT))
        .set(child.UPDATED_AT, now)
        .from(done)
        .where(child.ID.eq(Columns.of(done, WORKFLOW_STEP_EDGES.TO_STEP)))
        .returningResult(child.ID, child.TASK_ID, child.UNMET_DEPENDENCIES);
  }
}
