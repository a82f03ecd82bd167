package dev.tributary.store.expansion;

import static dev.tributary.store.internal.Arrays.column;
import static dev.tributary.store.internal.Arrays.zip;
import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.StepState;
import dev.tributary.core.expansion.StepCreation;
import dev.tributary.core.expansion.StepCreation.Edge;
import dev.tributary.core.expansion.StepCreation.NewStep;
import dev.tributary.core.state.StepMachine;
import dev.tributary.store.internal.Arrays.Rows;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.SQLDataType;

/**
 * Creates the steps of any number of outcomes, with their edges and dependency counters, in one
 * statement, whatever the number of steps (a batch of 10,000 workers binds one array per column):
 *
 * <pre>
 * WITH known    AS (steps the edges name that already exist, by (task_id, name)
 *                   UNION ALL the new steps),
 *      unmet    AS (SELECT task_id, to_name, count(*) FROM new edges JOIN known
 *                   WHERE known.state is not complete GROUP BY task_id, to_name),
 *      inserted AS (INSERT INTO workflow_steps SELECT … FROM new steps JOIN tasks JOIN named_steps
 *                   LEFT JOIN unmet ON CONFLICT (task_id, name) DO NOTHING RETURNING id, task_id, name),
 *      edges    AS (INSERT INTO workflow_step_edges SELECT … FROM new edges JOIN inserted JOIN known)
 * SELECT count(*) FROM inserted
 * </pre>
 *
 * An edge whose dependency neither exists nor is created is dropped: that is how a convergence step
 * waits only for the branches that were selected. An edge into a step that already exists is added
 * and raises that step's counter. Creating the same steps again creates nothing (ON CONFLICT on the
 * task's step names and on edges).
 */
public final class StepCreations {

  private final DSLContext dsl;

  public StepCreations(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Creates the steps, each with the trace context of its task's entry in {@code traceParents} (the
   * span of the result that created it); returns how many were created.
   */
  public int create(List<StepCreation> creations, Map<UUID, String> traceParents, Instant now) {
    List<TaskStep> steps =
        creations.stream()
            .flatMap(c -> c.steps().stream().map(s -> new TaskStep(c.taskId(), s)))
            .toList();
    if (steps.isEmpty()) {
      return 0;
    }
    List<TaskEdge> edges =
        creations.stream()
            .flatMap(c -> c.edges().stream().map(e -> new TaskEdge(c.taskId(), e)))
            .toList();
    Rows newSteps =
        zip(
            "new_steps",
            List.of("id", "task_id", "name", "template_step", "inputs", "trace_parent"),
            List.of(
                column(steps, s -> s.step().id(), SQLDataType.UUID),
                column(steps, TaskStep::taskId, SQLDataType.UUID),
                column(steps, s -> s.step().name(), SQLDataType.CLOB),
                column(steps, s -> s.step().templateStep(), SQLDataType.CLOB),
                column(steps, s -> JSONB.valueOf(s.step().inputsJson()), SQLDataType.JSONB),
                column(steps, s -> traceParents.get(s.taskId()), SQLDataType.CLOB)));
    Rows newEdges =
        zip(
            "new_edges",
            List.of("task_id", "from_name", "to_name"),
            List.of(
                column(edges, TaskEdge::taskId, SQLDataType.UUID),
                column(edges, e -> e.edge().from(), SQLDataType.CLOB),
                column(edges, e -> e.edge().to(), SQLDataType.CLOB)));
    Field<UUID> edgeTask = newEdges.field("task_id", SQLDataType.UUID);
    Field<String> edgeFrom = newEdges.field("from_name", SQLDataType.CLOB);
    Field<String> edgeTo = newEdges.field("to_name", SQLDataType.CLOB);
    Field<UUID> stepTask = newSteps.field("task_id", SQLDataType.UUID);
    Field<String> stepName = newSteps.field("name", SQLDataType.CLOB);

    WorkflowSteps existing = WORKFLOW_STEPS.as("existing");
    var known =
        name("known")
            .fields("task_id", "name", "id", "state")
            .as(
                select(existing.TASK_ID, existing.NAME, existing.ID, existing.STATE)
                    .from(existing)
                    .where(
                        row(existing.TASK_ID, existing.NAME)
                            .in(select(edgeTask, edgeFrom).from(newEdges.table())))
                    .unionAll(
                        select(
                                stepTask,
                                stepName,
                                newSteps.field("id", SQLDataType.UUID),
                                inline(StepState.PENDING, WORKFLOW_STEPS.STATE))
                            .from(newSteps.table())));
    Field<UUID> knownTask = Columns.of(known, "task_id", SQLDataType.UUID);
    Field<String> knownName = Columns.of(known, "name", SQLDataType.CLOB);
    Field<UUID> knownId = Columns.of(known, "id", SQLDataType.UUID);
    Field<StepState> knownState = Columns.of(known, "state", WORKFLOW_STEPS.STATE.getDataType());

    var unmet =
        name("unmet")
            .fields("task_id", "to_name", "n")
            .as(
                select(edgeTask, edgeTo, count())
                    .from(newEdges.table())
                    .join(known)
                    .on(knownTask.eq(edgeTask))
                    .and(knownName.eq(edgeFrom))
                    .where(knownState.notIn(StepMachine.SATISFIES_DEPENDENTS))
                    .groupBy(edgeTask, edgeTo));
    Field<Integer> unmetCount = Columns.of(unmet, "n", SQLDataType.INTEGER);

    WorkflowSteps s = WORKFLOW_STEPS;
    var inserted =
        name("inserted")
            .as(
                insertInto(
                        s,
                        s.ID,
                        s.TASK_ID,
                        s.NAMED_STEP_ID,
                        s.NAME,
                        s.KIND,
                        s.PRIORITY,
                        s.MAX_ATTEMPTS,
                        s.RETRYABLE,
                        s.BACKOFF_BASE_MS,
                        s.BACKOFF_MULTIPLIER,
                        s.BACKOFF_MAX_MS,
                        s.BACKOFF_JITTER,
                        s.TIMEOUT_MS,
                        s.SCHEDULE_TO_START_MS,
                        s.UNMET_DEPENDENCIES,
                        s.INPUTS,
                        s.TRACE_PARENT,
                        s.CREATED_AT,
                        s.UPDATED_AT)
                    .select(
                        select(
                                newSteps.field("id", SQLDataType.UUID),
                                stepTask,
                                NAMED_STEPS.ID,
                                stepName,
                                NAMED_STEPS.KIND,
                                TASKS.PRIORITY,
                                NAMED_STEPS.MAX_ATTEMPTS,
                                NAMED_STEPS.RETRYABLE,
                                NAMED_STEPS.BACKOFF_BASE_MS,
                                NAMED_STEPS.BACKOFF_MULTIPLIER,
                                NAMED_STEPS.BACKOFF_MAX_MS,
                                NAMED_STEPS.BACKOFF_JITTER,
                                NAMED_STEPS.TIMEOUT_MS,
                                NAMED_STEPS.SCHEDULE_TO_START_MS,
                                coalesce(unmetCount, inline(0)),
                                newSteps.field("inputs", SQLDataType.JSONB),
                                newSteps.field("trace_parent", SQLDataType.CLOB),
                                val(now, s.CREATED_AT),
                                val(now, s.UPDATED_AT))
                            .from(newSteps.table())
                            .join(TASKS)
                            .on(TASKS.ID.eq(stepTask))
                            .join(NAMED_STEPS)
                            .on(NAMED_STEPS.NAMED_TASK_ID.eq(TASKS.NAMED_TASK_ID))
                            .and(
                                NAMED_STEPS.NAME.eq(
                                    newSteps.field("template_step", SQLDataType.CLOB)))
                            .leftJoin(unmet)
                            .on(Columns.of(unmet, "task_id", SQLDataType.UUID).eq(stepTask))
                            .and(Columns.of(unmet, "to_name", SQLDataType.CLOB).eq(stepName)))
                    .onConflict(s.TASK_ID, s.NAME)
                    .doNothing()
                    .returningResult(s.ID, s.TASK_ID, s.NAME));
    Field<UUID> insertedId = Columns.of(inserted, s.ID);
    WorkflowSteps target = WORKFLOW_STEPS.as("target");
    var insertEdges =
        name("edges")
            .as(
                insertInto(
                        WORKFLOW_STEP_EDGES,
                        WORKFLOW_STEP_EDGES.TASK_ID,
                        WORKFLOW_STEP_EDGES.FROM_STEP,
                        WORKFLOW_STEP_EDGES.TO_STEP)
                    .select(
                        select(edgeTask, knownId, insertedId)
                            .from(newEdges.table())
                            .join(inserted)
                            .on(Columns.of(inserted, s.TASK_ID).eq(edgeTask))
                            .and(Columns.of(inserted, s.NAME).eq(edgeTo))
                            .join(known)
                            .on(knownTask.eq(edgeTask))
                            .and(knownName.eq(edgeFrom))
                            // Edges into steps that existed before this statement: a convergence
                            // step that waited on a stand-in now waits on what it stood in for.
                            .unionAll(
                                select(edgeTask, knownId, target.ID)
                                    .from(newEdges.table())
                                    .join(target)
                                    .on(target.TASK_ID.eq(edgeTask))
                                    .and(target.NAME.eq(edgeTo))
                                    .join(known)
                                    .on(knownTask.eq(edgeTask))
                                    .and(knownName.eq(edgeFrom))))
                    .onConflictDoNothing()
                    .returningResult(WORKFLOW_STEP_EDGES.FROM_STEP, WORKFLOW_STEP_EDGES.TO_STEP));
    return dsl.with(known)
        .with(unmet)
        .with(inserted)
        .with(insertEdges)
        .with(name("raised").as(raiseExistingTargets(insertEdges, known, now)))
        .selectCount()
        .from(inserted)
        .fetchSingle()
        .value1();
  }

  /**
   * The counters of existing steps that got new edges, by the edges actually inserted whose
   * dependency is not complete (new steps never are). The stand-in's own completion decremented the
   * counter earlier in the same transaction, so the step never looks ready in between.
   */
  private static org.jooq.UpdateResultStep<org.jooq.Record1<UUID>> raiseExistingTargets(
      CommonTableExpression<?> insertedEdges, CommonTableExpression<?> known, Instant now) {
    WorkflowSteps target = WORKFLOW_STEPS.as("raised_target");
    Field<UUID> to = Columns.of(insertedEdges, WORKFLOW_STEP_EDGES.TO_STEP);
    var added =
        select(to, count().as("n"))
            .from(insertedEdges)
            .join(known)
            .on(
                Columns.of(known, "id", SQLDataType.UUID)
                    .eq(Columns.of(insertedEdges, WORKFLOW_STEP_EDGES.FROM_STEP)))
            .where(
                Columns.of(known, "state", WORKFLOW_STEPS.STATE.getDataType())
                    .notIn(StepMachine.SATISFIES_DEPENDENTS))
            .groupBy(to)
            .asTable("added");
    return update(target)
        .set(
            target.UNMET_DEPENDENCIES,
            target.UNMET_DEPENDENCIES.plus(Columns.of(added, "n", Integer.class)))
        .set(target.UPDATED_AT, now)
        .from(added)
        .where(target.ID.eq(Columns.of(added, WORKFLOW_STEP_EDGES.TO_STEP)))
        .returningResult(target.ID);
  }

  private record TaskStep(UUID taskId, NewStep step) {}

  private record TaskEdge(UUID taskId, Edge edge) {}
}
