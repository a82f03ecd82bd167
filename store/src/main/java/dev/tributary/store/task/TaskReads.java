package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

import dev.tributary.store.schema.tables.WorkflowSteps;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Reads whole tasks for operators. One query: the steps come back as a nested collection. */
public final class TaskReads {

  private final DSLContext dsl;

  public TaskReads(DSLContext dsl) {
    this.dsl = dsl;
  }

  public Optional<TaskView> find(UUID taskId) {
    WorkflowSteps s = WORKFLOW_STEPS;
    var steps =
        multiset(select(StepColumns.FIELDS).from(s).where(s.TASK_ID.eq(TASKS.ID)).orderBy(s.ID))
            .as("steps")
            .convertFrom(rows -> rows.map(StepColumns::toStep));
    return dsl.select(
            TASKS.ID,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME,
            NAMED_TASKS.VERSION,
            TASKS.STATE,
            TASKS.CONTEXT,
            TASKS.CORRELATION_ID,
            TASKS.PARENT_CORRELATION_ID,
            TASKS.PRIORITY,
            TASKS.IDENTITY_KEY,
            TASKS.CREATED_AT,
            TASKS.UPDATED_AT,
            TASKS.COMPLETED_AT,
            steps)
        .from(TASKS)
        .join(NAMED_TASKS)
        .on(NAMED_TASKS.ID.eq(TASKS.NAMED_TASK_ID))
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        .where(TASKS.ID.eq(taskId))
        .fetchOptional(
            r ->
                new TaskView(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6().data(),
                    r.value7(),
                    r.value8(),
                    r.value9(),
                    r.value10(),
                    r.value11(),
                    r.value12(),
                    r.value13(),
                    r.value14()));
  }

  /** The task with this identity key, if any. */
  public Optional<UUID> idByIdentityKey(String identityKey) {
    return dsl.select(TASKS.ID)
        .from(TASKS)
        .where(TASKS.IDENTITY_KEY.eq(identityKey))
        .fetchOptional(TASKS.ID);
  }
}
