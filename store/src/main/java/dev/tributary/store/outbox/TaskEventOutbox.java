package dev.tributary.store.outbox;

import static dev.tributary.store.schema.Tables.TASK_EVENT_OUTBOX;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Takes the oldest task events for publishing. Run {@link #take} in a transaction and commit it
 * only after the events are acknowledged by the broker: a failed send rolls the delete back and the
 * events are taken again.
 *
 * <p>One relay at a time, across all processor replicas, holds a transaction-scoped advisory lock,
 * so events of one task are published in the order they were written.
 */
public final class TaskEventOutbox {

  /** An arbitrary constant identifying the relay's advisory lock. */
  static final long RELAY_LOCK = 0x7472_6962_7574_6172L;

  private final DSLContext dsl;

  public TaskEventOutbox(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Deletes and returns up to {@code limit} events, oldest first; none if another relay runs. */
  public List<OutboxEvent> take(int limit) {
    boolean locked =
        dsl.select(field("pg_try_advisory_xact_lock({0})", SQLDataType.BOOLEAN, val(RELAY_LOCK)))
            .fetchSingle()
            .value1();
    if (!locked) {
      return List.of();
    }
    return dsl
        .deleteFrom(TASK_EVENT_OUTBOX)
        .where(
            TASK_EVENT_OUTBOX.ID.in(
                select(TASK_EVENT_OUTBOX.ID)
                    .from(TASK_EVENT_OUTBOX)
                    .orderBy(TASK_EVENT_OUTBOX.ID)
                    .limit(limit)))
        .returningResult(
            TASK_EVENT_OUTBOX.ID,
            TASK_EVENT_OUTBOX.TASK_ID,
            TASK_EVENT_OUTBOX.PAYLOAD,
            field("{0} ->> 'state'", SQLDataType.CLOB, TASK_EVENT_OUTBOX.PAYLOAD),
            TASK_EVENT_OUTBOX.TRACE_PARENT)
        .fetch(
            r -> new OutboxEvent(r.value1(), r.value2(), r.value3().data(), r.value4(), r.value5()))
        .stream()
        .sorted(Comparator.comparingLong(OutboxEvent::id))
        .toList();
  }

  /** When the oldest event not yet published was written; empty when every event is. */
  public Optional<Instant> oldestWrittenAt() {
    return dsl.select(TASK_EVENT_OUTBOX.CREATED_AT)
        .from(TASK_EVENT_OUTBOX)
        .orderBy(TASK_EVENT_OUTBOX.ID)
        .limit(1)
        .fetchOptional(TASK_EVENT_OUTBOX.CREATED_AT);
  }

  /**
   * An event as stored: its JSON is the {@code TaskEvent} wire format, and {@code state} the task's
   * state in it; its trace context is the span it was written under, none when that was not traced.
   */
  public record OutboxEvent(
      long id, UUID taskId, String payloadJson, String state, @Nullable String traceParent) {}
}
