package dev.tributary.store.finalization;

import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.state.TaskDecision;
import dev.tributary.core.state.TaskMachine;
import dev.tributary.store.internal.AuditRows;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.internal.TaskEventRows;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.CaseConditionStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record7;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Decides the state of the given tasks from their steps, with one aggregate over their steps, and
 * records every change in one statement:
 *
 * <pre>
 * WITH counts  AS (SELECT task_id, count(*), count(*) FILTER (WHERE …) … FROM workflow_steps
 *                  WHERE task_id = ANY(:tasks) GROUP BY task_id),
 *      decided AS (SELECT t.id, t.state AS from_state, CASE … END AS to_state FROM counts JOIN tasks t
 *                  WHERE t.id = ANY(:tasks) AND t.state IN (unfinished)),
 *      moved   AS (UPDATE tasks SET state = to_state … WHERE state = from_state AND to_state <> from_state),
 *      audit   AS (INSERT INTO task_transitions SELECT … FROM moved),
 *      events  AS (INSERT INTO task_event_outbox SELECT jsonb_build_object(…) FROM moved …)
 * SELECT * FROM moved
 * </pre>
 *
 * The counts and the CASE are built from {@link TaskDecision}, the rule's one definition: every
 * step done → complete; a step moving → in progress; a retry due later → waiting for retry; a step
 * failed for good and nothing else can move → blocked by failures. Finished tasks are left alone.
 * The update is guarded by the state the decision was made from. The caller holds the tasks' row
 * locks (see {@link dev.tributary.store.result.ResultContexts}), so that decisions of one task are
 * made one after another, each seeing the steps the one before changed.
 */
public final class TaskFinalization {

  private final DSLContext dsl;

  public TaskFinalization(DSLContext dsl) {
    this.dsl = dsl;
  }

  public List<TaskMoved> finalizeTasks(Collection<UUID> taskIds, String cause, Instant now) {
    return finalizeTasks(taskIds, Map.of(), cause, now);
  }

  /**
   * Decides and records the state of the given tasks; an event of a task in {@code traceParents}
   * keeps that trace context (the result that moved it), others their task's.
   */
  public List<TaskMoved> finalizeTasks(
      Collection<UUID> taskIds, Map<UUID, String> traceParents, String cause, Instant now) {
    if (taskIds.isEmpty()) {
      return List.of();
    }
    WorkflowSteps s = WORKFLOW_STEPS;
    UUID[] idArray = taskIds.toArray(UUID[]::new);
    Field<UUID[]> ids = val(idArray);
    List<Field<?>> countFields = new ArrayList<>();
    countFields.add(s.TASK_ID);
    countFields.add(count().as("total"));
    for (TaskDecision.Count count : TaskDecision.Count.values()) {
      countFields.add(count().filterWhere(counted(count)).as(countName(count)));
    }
    var counts =
        select(countFields)
            .from(s)
            .where(s.TASK_ID.eq(any(ids)))
            .groupBy(s.TASK_ID)
            .asTable("counts");
    Field<TaskState> decidedState = decision(counts);
    var decided =
        select(TASKS.ID.as("task_id"), TASKS.STATE.as("from_state"), decidedState.as("to_state"))
            .from(counts)
            .join(TASKS)
            .on(TASKS.ID.eq(Columns.of(counts, s.TASK_ID)))
            // The ids again, so that the planner looks tasks up by key whatever it estimates the
            // counts to return: filtering tasks by state alone scans the table.
            .where(TASKS.ID.eq(any(ids)))
            .and(TASKS.STATE.in(TaskMachine.UNFINISHED))
            .asTable("decided");
    Field<UUID> decidedTask = Columns.of(decided, "task_id", SQLDataType.UUID);
    Field<TaskState> from = Columns.of(decided, "from_state", TASKS.STATE.getDataType());
    Field<TaskState> to = Columns.of(decided, "to_state", TASKS.STATE.getDataType());
    CommonTableExpression<Record7<UUID, TaskState, TaskState, UUID, String, String, Instant>>
        moved =
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
                            TASKS.CORRELATION_ID,
                            TASKS.TRACE_PARENT,
                            TASKS.CREATED_AT));
    Field<UUID> movedId = Columns.of(moved, TASKS.ID);
    Field<TaskState> movedFrom = Columns.of(moved, "from_state", TASKS.STATE.getDataType());
    Field<TaskState> movedTo = Columns.of(moved, TASKS.STATE);
    return dsl.with(moved)
        .with(name("audit").as(AuditRows.tasks(moved, movedFrom, movedTo, cause, now)))
        .with(
            name("events")
                .as(TaskEventRows.insert(moved, eventTrace(moved, idArray, traceParents), now)))
        .select(
            movedId,
            movedFrom,
            movedTo,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME,
            Columns.of(moved, TASKS.CREATED_AT))
        .from(moved)
        .join(NAMED_TASKS)
        .on(NAMED_TASKS.ID.eq(Columns.of(moved, TASKS.NAMED_TASK_ID)))
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        .fetch(
            r ->
                new TaskMoved(
                    r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  /**
   * {@code coalesce((:trace_parents)[array_position(:ids, moved.id)], moved.trace_parent)}: the
   * given context of each task, looked up by its position in the id array (constant statement
   * text), or the task's own.
   */
  private static Field<String> eventTrace(
      Table<?> moved, UUID[] ids, Map<UUID, String> traceParents) {
    @Nullable String[] traces = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      traces[i] = traceParents.get(ids[i]);
    }
    return coalesce(
        field(
            "({0})[array_position({1}, {2})]",
            SQLDataType.CLOB, val(traces), val(ids), Columns.of(moved, TASKS.ID)),
        Columns.of(moved, TASKS.TRACE_PARENT));
  }

  /** The condition a step meets to be counted as {@code count} (see {@link TaskDecision}). */
  private static Condition counted(TaskDecision.Count count) {
    WorkflowSteps s = WORKFLOW_STEPS;
    Condition condition = s.STATE.in(count.states());
    return count.readyPending()
        ? condition.or(s.STATE.eq(StepState.PENDING).and(s.UNMET_DEPENDENCIES.eq(0)))
        : condition;
  }

  private static String countName(TaskDecision.Count count) {
    return count.name().toLowerCase(Locale.ROOT);
  }

  /** {@link TaskDecision#RULES} as a CASE over the counts, tried in order. */
  private static Field<TaskState> decision(Table<?> counts) {
    Field<Integer> total = Columns.of(counts, "total", Integer.class);
    CaseConditionStep<TaskState> decision = null;
    for (TaskDecision.Rule rule : TaskDecision.RULES) {
      Field<Integer> n = Columns.of(counts, countName(rule.count()), Integer.class);
      Condition holds = rule.all() ? n.eq(total) : n.gt(0);
      Field<TaskState> state = val(rule.state(), TASKS.STATE);
      decision = decision == null ? when(holds, state) : decision.when(holds, state);
    }
    return Objects.requireNonNull(decision).else_(val(TaskDecision.OTHERWISE, TASKS.STATE));
  }
}
