package dev.tributary.store.task;

import static dev.tributary.store.internal.Arrays.column;
import static dev.tributary.store.internal.Arrays.zip;
import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.TaskState;
import dev.tributary.store.internal.Arrays.Rows;
import dev.tributary.store.internal.AuditRows;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.task.NewTask.NewEdge;
import dev.tributary.store.task.NewTask.NewStep;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record3;
import org.jooq.impl.SQLDataType;

/**
 * Creates tasks with all their initial steps, edges and audit rows in one statement, whatever the
 * number of tasks and steps:
 *
 * <pre>
 * WITH inserted AS (INSERT INTO tasks SELECT … FROM unnest(…) ON CONFLICT (identity_key) DO NOTHING
 *                   RETURNING id, named_task_id, priority),
 *      steps    AS (INSERT INTO workflow_steps SELECT … FROM unnest(…) JOIN inserted JOIN named_steps),
 *      edges    AS (INSERT INTO workflow_step_edges SELECT … FROM unnest(…) JOIN inserted),
 *      audit    AS (INSERT INTO task_transitions SELECT … FROM inserted)
 * SELECT id FROM inserted
 * </pre>
 *
 * Steps and edges join {@code inserted}, so a duplicate task (same identity key) creates nothing at
 * all. Retry settings are copied from the named steps in the same join.
 */
public final class TaskInserts {

  private final DSLContext dsl;

  public TaskInserts(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Creates the tasks that do not exist yet; returns the ids of those created. */
  public Set<UUID> insert(List<NewTask> tasks, Instant now) {
    if (tasks.isEmpty()) {
      return Set.of();
    }
    CommonTableExpression<Record3<UUID, UUID, Integer>> inserted =
        name("inserted").as(insertTasks(tasks, now));
    Field<UUID> taskId = Columns.of(inserted, TASKS.ID);
    return dsl.with(inserted)
        .with(name("steps").as(insertSteps(tasks, inserted, now)))
        .with(name("edges").as(insertEdges(tasks, inserted)))
        .with(
            name("audit")
                .as(
                    AuditRows.tasks(
                        inserted,
                        castNull(TASK_TRANSITIONS.FROM_STATE),
                        val(TaskState.PENDING, TASK_TRANSITIONS.TO_STATE),
                        "created",
                        now)))
        .select(taskId)
        .from(inserted)
        .fetchSet(taskId);
  }

  private static org.jooq.InsertResultStep<Record3<UUID, UUID, Integer>> insertTasks(
      List<NewTask> tasks, Instant now) {
    Rows rows =
        zip(
            "task_rows",
            List.of(
                "id",
                "named_task_id",
                "context",
                "correlation_id",
                "parent_correlation_id",
                "priority",
                "identity_key",
                "trace_parent"),
            List.of(
                column(tasks, NewTask::id, SQLDataType.UUID),
                column(tasks, NewTask::namedTaskId, SQLDataType.UUID),
                column(tasks, t -> JSONB.valueOf(t.contextJson()), SQLDataType.JSONB),
                column(tasks, NewTask::correlationId, SQLDataType.CLOB),
                column(tasks, NewTask::parentCorrelationId, SQLDataType.CLOB),
                column(tasks, NewTask::priority, SQLDataType.INTEGER),
                column(tasks, NewTask::identityKey, SQLDataType.CLOB),
                column(tasks, NewTask::traceParent, SQLDataType.CLOB)));
    return insertInto(
            TASKS,
            TASKS.ID,
            TASKS.NAMED_TASK_ID,
            TASKS.CONTEXT,
            TASKS.CORRELATION_ID,
            TASKS.PARENT_CORRELATION_ID,
            TASKS.PRIORITY,
            TASKS.IDENTITY_KEY,
            TASKS.TRACE_PARENT,
            TASKS.STATE,
            TASKS.CREATED_AT,
            TASKS.UPDATED_AT)
        .select(
            select(
                    rows.field("id", SQLDataType.UUID),
                    rows.field("named_task_id", SQLDataType.UUID),
                    rows.field("context", SQLDataType.JSONB),
                    rows.field("correlation_id", SQLDataType.CLOB),
                    rows.field("parent_correlation_id", SQLDataType.CLOB),
                    rows.field("priority", SQLDataType.INTEGER),
                    rows.field("identity_key", SQLDataType.CLOB),
                    rows.field("trace_parent", SQLDataType.CLOB),
                    val(TaskState.PENDING, TASKS.STATE),
                    val(now, TASKS.CREATED_AT),
                    val(now, TASKS.UPDATED_AT))
                .from(rows.table()))
        .onConflict(TASKS.IDENTITY_KEY)
        .doNothing()
        .returningResult(TASKS.ID, TASKS.NAMED_TASK_ID, TASKS.PRIORITY);
  }

  private static org.jooq.InsertResultStep<org.jooq.Record1<UUID>> insertSteps(
      List<NewTask> tasks,
      CommonTableExpression<Record3<UUID, UUID, Integer>> inserted,
      Instant now) {
    List<TaskStep> steps =
        tasks.stream().flatMap(t -> t.steps().stream().map(s -> new TaskStep(t.id(), s))).toList();
    Rows rows =
        zip(
            "step_rows",
            List.of("id", "task_id", "name", "template_step", "unmet", "inputs"),
            List.of(
                column(steps, s -> s.step().id(), SQLDataType.UUID),
                column(steps, TaskStep::taskId, SQLDataType.UUID),
                column(steps, s -> s.step().name(), SQLDataType.CLOB),
                column(steps, s -> s.step().templateStep(), SQLDataType.CLOB),
                column(steps, s -> s.step().unmetDependencies(), SQLDataType.INTEGER),
                column(steps, s -> JSONB.valueOf(s.step().inputsJson()), SQLDataType.JSONB)));
    Field<UUID> stepTaskId = rows.field("task_id", SQLDataType.UUID);
    return insertInto(
            WORKFLOW_STEPS,
            WORKFLOW_STEPS.ID,
            WORKFLOW_STEPS.TASK_ID,
            WORKFLOW_STEPS.NAMED_STEP_ID,
            WORKFLOW_STEPS.NAME,
            WORKFLOW_STEPS.KIND,
            WORKFLOW_STEPS.PRIORITY,
            WORKFLOW_STEPS.MAX_ATTEMPTS,
            WORKFLOW_STEPS.RETRYABLE,
            WORKFLOW_STEPS.BACKOFF_BASE_MS,
            WORKFLOW_STEPS.BACKOFF_MULTIPLIER,
            WORKFLOW_STEPS.BACKOFF_MAX_MS,
            WORKFLOW_STEPS.BACKOFF_JITTER,
            WORKFLOW_STEPS.TIMEOUT_MS,
            WORKFLOW_STEPS.SCHEDULE_TO_START_MS,
            WORKFLOW_STEPS.UNMET_DEPENDENCIES,
            WORKFLOW_STEPS.INPUTS,
            WORKFLOW_STEPS.CREATED_AT,
            WORKFLOW_STEPS.UPDATED_AT)
        .select(
            select(
                    rows.field("id", SQLDataType.UUID),
                    stepTaskId,
                    NAMED_STEPS.ID,
                    rows.field("name", SQLDataType.CLOB),
                    NAMED_STEPS.KIND,
                    Columns.of(inserted, TASKS.PRIORITY),
                    NAMED_STEPS.MAX_ATTEMPTS,
                    NAMED_STEPS.RETRYABLE,
                    NAMED_STEPS.BACKOFF_BASE_MS,
                    NAMED_STEPS.BACKOFF_MULTIPLIER,
                    NAMED_STEPS.BACKOFF_MAX_MS,
                    NAMED_STEPS.BACKOFF_JITTER,
                    NAMED_STEPS.TIMEOUT_MS,
                    NAMED_STEPS.SCHEDULE_TO_START_MS,
                    rows.field("unmet", SQLDataType.INTEGER),
                    rows.field("inputs", SQLDataType.JSONB),
                    val(now, WORKFLOW_STEPS.CREATED_AT),
                    val(now, WORKFLOW_STEPS.UPDATED_AT))
                .from(rows.table())
                .join(inserted)
                .on(Columns.of(inserted, TASKS.ID).eq(stepTaskId))
                .join(NAMED_STEPS)
                .on(NAMED_STEPS.NAMED_TASK_ID.eq(Columns.of(inserted, TASKS.NAMED_TASK_ID)))
                .and(NAMED_STEPS.NAME.eq(rows.field("template_step", SQLDataType.CLOB))))
        .returningResult(WORKFLOW_STEPS.ID);
  }

  private static org.jooq.InsertResultStep<org.jooq.Record1<UUID>> insertEdges(
      List<NewTask> tasks, CommonTableExpression<Record3<UUID, UUID, Integer>> inserted) {
    List<TaskEdge> edges =
        tasks.stream().flatMap(t -> t.edges().stream().map(e -> new TaskEdge(t.id(), e))).toList();
    Rows rows =
        zip(
            "edge_rows",
            List.of("task_id", "from_step", "to_step"),
            List.of(
                column(edges, TaskEdge::taskId, SQLDataType.UUID),
                column(edges, e -> e.edge().from(), SQLDataType.UUID),
                column(edges, e -> e.edge().to(), SQLDataType.UUID)));
    Field<UUID> edgeTaskId = rows.field("task_id", SQLDataType.UUID);
    return insertInto(
            WORKFLOW_STEP_EDGES,
            WORKFLOW_STEP_EDGES.TASK_ID,
            WORKFLOW_STEP_EDGES.FROM_STEP,
            WORKFLOW_STEP_EDGES.TO_STEP)
        .select(
            select(
                    edgeTaskId,
                    rows.field("from_step", SQLDataType.UUID),
                    rows.field("to_step", SQLDataType.UUID))
                .from(rows.table())
                .join(inserted)
                .on(Columns.of(inserted, TASKS.ID).eq(edgeTaskId)))
        .returningResult(WORKFLOW_STEP_EDGES.TO_STEP);
  }

  private record TaskStep(UUID taskId, NewStep step) {}

  private record TaskEdge(UUID taskId, NewEdge edge) {}
}
