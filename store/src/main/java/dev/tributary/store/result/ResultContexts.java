package dev.tributary.store.result;

import static dev.tributary.store.internal.Arrays.column;
import static dev.tributary.store.internal.Arrays.zip;
import static dev.tributary.store.schema.Tables.NAMED_STEPS;
import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.when;

import dev.tributary.core.result.StepSnapshot;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.internal.Arrays.Rows;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * Loads the {@link StepSnapshot} of every step a poll's messages name, with one query:
 *
 * <pre>
 * SELECT step, task, named step, template (decision and batchable steps only)
 * FROM unnest(:step_ids, :task_ids) m
 * JOIN workflow_steps ON id = m.step_id AND task_id = m.task_id
 * JOIN tasks JOIN named_steps JOIN named_tasks
 * ORDER BY task id FOR NO KEY UPDATE OF tasks
 * </pre>
 *
 * It locks the messages' tasks until the transaction ends. Everything that finalizes a task (this
 * transaction, an operator's action) holds that lock first, so finalizations of a task run one
 * after another and the later one's snapshot holds the earlier one's step changes: two changes at
 * once can never both decide from a snapshot that misses the other. {@code FOR NO KEY UPDATE}
 * leaves inserts of steps that reference the task (a key share lock) unblocked.
 *
 * <p>Matching on the task id as well means a message whose step and task do not belong together
 * finds no context, like an unknown step.
 */
public final class ResultContexts {

  private final DSLContext dsl;

  public ResultContexts(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Contexts by step id; a step that does not exist (in that task) is absent. */
  public Map<UUID, StepSnapshot> load(List<StepRef> steps) {
    if (steps.isEmpty()) {
      return Map.of();
    }
    Rows m =
        zip(
            "m",
            List.of("step_id", "task_id"),
            List.of(
                column(steps, StepRef::stepId, SQLDataType.UUID),
                column(steps, StepRef::taskId, SQLDataType.UUID)));
    WorkflowSteps s = WORKFLOW_STEPS;
    return dsl
        .select(
            s.ID,
            s.TASK_ID,
            s.NAME,
            NAMED_STEPS.NAME,
            s.KIND,
            s.STATE,
            s.ATTEMPTS,
            s.CHECKPOINT_SEQUENCE,
            s.MAX_ATTEMPTS,
            s.RETRYABLE,
            s.BACKOFF_BASE_MS,
            s.BACKOFF_MULTIPLIER,
            s.BACKOFF_MAX_MS,
            s.BACKOFF_JITTER,
            TASKS.STATE,
            TASKS.NAMED_TASK_ID,
            // Only steps whose outcome creates steps need their template.
            when(s.KIND.in(StepKind.DECISION, StepKind.BATCHABLE), NAMED_TASKS.TEMPLATE)
                .else_(castNull(NAMED_TASKS.TEMPLATE))
                .as("template"),
            s.FREE_ATTEMPTS,
            s.TIMEOUT_MS,
            s.SCHEDULE_TO_START_MS,
            s.WAITING_SINCE,
            s.DISPATCHED_AT,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME)
        .from(m.table())
        .join(s)
        .on(s.ID.eq(m.field("step_id", SQLDataType.UUID)))
        .and(s.TASK_ID.eq(m.field("task_id", SQLDataType.UUID)))
        .join(TASKS)
        .on(TASKS.ID.eq(s.TASK_ID))
        .join(NAMED_STEPS)
        .on(NAMED_STEPS.ID.eq(s.NAMED_STEP_ID))
        .join(NAMED_TASKS)
        .on(NAMED_TASKS.ID.eq(TASKS.NAMED_TASK_ID))
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        // Locks the tasks, in id order, until the transaction ends: see the class comment.
        .orderBy(TASKS.ID)
        .forNoKeyUpdate()
        .of(TASKS)
        .fetch(ResultContexts::toContext)
        .stream()
        .collect(Collectors.toMap(StepSnapshot::stepId, Function.identity(), (a, b) -> a));
  }

  private static StepSnapshot toContext(Record r) {
    WorkflowSteps s = WORKFLOW_STEPS;
    JSONB template = r.get("template", JSONB.class);
    return new StepSnapshot(
        r.get(s.ID),
        r.get(s.TASK_ID),
        r.get(s.NAME),
        r.get(NAMED_STEPS.NAME),
        r.get(s.KIND),
        r.get(s.STATE),
        r.get(s.ATTEMPTS),
        r.get(s.CHECKPOINT_SEQUENCE),
        r.get(s.MAX_ATTEMPTS),
        r.get(s.RETRYABLE),
        r.get(s.BACKOFF_BASE_MS),
        r.get(s.BACKOFF_MULTIPLIER),
        r.get(s.BACKOFF_MAX_MS),
        r.get(s.BACKOFF_JITTER),
        r.get(TASKS.STATE),
        r.get(TASKS.NAMED_TASK_ID),
        template == null ? null : template.data(),
        r.get(s.FREE_ATTEMPTS),
        r.get(s.TIMEOUT_MS),
        r.get(s.SCHEDULE_TO_START_MS),
        r.get(s.WAITING_SINCE),
        r.get(s.DISPATCHED_AT),
        r.get(TASK_NAMESPACES.NAME),
        r.get(NAMED_TASKS.NAME));
  }

  /** A step named by a message, with the task the message says it belongs to. */
  public record StepRef(UUID stepId, UUID taskId) {}
}
