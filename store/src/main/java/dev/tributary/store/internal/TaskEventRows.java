package dev.tributary.store.internal;

import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_EVENT_OUTBOX;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.TaskEvent;
import java.time.Instant;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.impl.SQLDataType;

/**
 * The outbox rows of tasks that changed state, as one data-modifying CTE over the statement's
 * {@code moved} tasks. The payload is built in SQL as the {@link TaskEvent} wire JSON (a test
 * checks it against the contract) and published by the relay after commit.
 *
 * <p>{@code moved} must have the columns {@code id}, {@code state}, {@code named_task_id}, {@code
 * correlation_id} and {@code trace_parent} of {@code tasks}, and {@code from_state}. Each row keeps
 * the trace context the relay parents the event's span on: the task's own, unless the caller has a
 * closer one (the result that finished the task).
 */
public final class TaskEventRows {

  private TaskEventRows() {}

  public static InsertResultStep<Record1<Long>> insert(
      CommonTableExpression<?> moved, Instant now) {
    return insert(moved, Columns.of(moved, TASKS.TRACE_PARENT), now);
  }

  /** As {@link #insert(CommonTableExpression, Instant)}, with each event's trace context given. */
  public static InsertResultStep<Record1<Long>> insert(
      CommonTableExpression<?> moved, Field<String> traceParent, Instant now) {
    Field<JSONB> payload =
        function(
            "jsonb_strip_nulls",
            SQLDataType.JSONB,
            jsonbObject(
                key("schema_version").value(val(TaskEvent.SCHEMA_VERSION)),
                key("event_id").value(field("uuid_v7()", SQLDataType.UUID)),
                key("task_id").value(Columns.of(moved, TASKS.ID)),
                key("namespace").value(TASK_NAMESPACES.NAME),
                key("name").value(NAMED_TASKS.NAME),
                key("version").value(NAMED_TASKS.VERSION),
                key("correlation_id").value(Columns.of(moved, TASKS.CORRELATION_ID)),
                key("from_state").value(Columns.of(moved, "from_state", SQLDataType.CLOB)),
                key("state").value(Columns.of(moved, TASKS.STATE).coerce(SQLDataType.CLOB)),
                key("occurred_at").value(val(now.toString()))));
    return insertInto(
            TASK_EVENT_OUTBOX,
            TASK_EVENT_OUTBOX.TASK_ID,
            TASK_EVENT_OUTBOX.PAYLOAD,
            TASK_EVENT_OUTBOX.TRACE_PARENT,
            TASK_EVENT_OUTBOX.CREATED_AT)
        .select(
            select(
                    Columns.of(moved, TASKS.ID),
                    payload,
                    traceParent,
                    val(now, TASK_EVENT_OUTBOX.CREATED_AT))
                .from(moved)
                .join(NAMED_TASKS)
                .on(NAMED_TASKS.ID.eq(Columns.of(moved, TASKS.NAMED_TASK_ID)))
                .join(TASK_NAMESPACES)
                .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
                .orderBy(Columns.of(moved, TASKS.ID)))
        .returningResult(TASK_EVENT_OUTBOX.ID);
  }
}
