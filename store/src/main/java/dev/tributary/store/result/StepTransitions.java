package dev.tributary.store.result;

import static dev.tributary.store.internal.Arrays.column;
import static dev.tributary.store.internal.Arrays.zip;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.tributary.contracts.StepState;
import dev.tributary.core.result.StepTransition;
import dev.tributary.core.result.StepTransition.Hop;
import dev.tributary.core.state.StepMachine;
import dev.tributary.store.internal.Arrays.Rows;
import dev.tributary.store.internal.ChildCounters;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Applies step transitions, any number of them, in one statement:
 *
 * <pre>
 * WITH moved    AS (UPDATE workflow_steps s SET state = i.to, …, trace_parent = i.trace_parent,
 *                          checkpoint = i.checkpoint if its sequence is newer than the stored one
 *                   FROM unnest(…) i
 *                   WHERE s.id = i.step_id AND s.state = i.from AND s.attempts = i.attempt
 *                   RETURNING s.id, s.task_id, s.state),
 *      audit    AS (INSERT INTO step_transitions SELECT … FROM unnest(…) hop JOIN moved),
 *      children AS (UPDATE workflow_steps c SET unmet_dependencies = unmet_dependencies - n
 *                   FROM (edges out of moved steps that completed, counted per child))
 * SELECT * FROM moved
 * </pre>
 *
 * The guard (expected state and attempt) makes a duplicate or stale transition change nothing: its
 * step is simply absent from the result. Audit rows and counter decrements join {@code moved}, so
 * they happen exactly for the transitions that applied.
 */
public final class StepTransitions {

  private final DSLContext dsl;

  public StepTransitions(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Applies what still applies, and stores each moved step's trace context (by step id; a step
   * absent from {@code traceParents} keeps the one it has). Returns the steps that moved, with
   * their new state.
   */
  public List<Moved> apply(
      List<StepTransition> transitions, Map<UUID, String> traceParents, Instant now) {
    if (transitions.isEmpty()) {
      return List.of();
    }
    WorkflowSteps s = WORKFLOW_STEPS;
    Rows in =
        zip(
            "i",
            List.of(
                "step_id",
                "task_id",
                "from_state",
                "attempt",
                "to_state",
                "results",
                "checkpoint",
                "checkpoint_sequence",
                "last_error",
                "next_attempt_at",
                "free_attempt",
                "answered",
                "deadline_at",
                "trace_parent"),
            List.of(
                column(transitions, StepTransition::stepId, SQLDataType.UUID),
                column(transitions, StepTransition::taskId, SQLDataType.UUID),
                column(transitions, t -> t.from().wireName(), SQLDataType.CLOB),
                column(transitions, StepTransition::attempt, SQLDataType.INTEGER),
                column(transitions, t -> t.to().wireName(), SQLDataType.CLOB),
                column(transitions, t -> jsonb(t.resultsJson()), SQLDataType.JSONB),
                column(transitions, t -> jsonb(t.checkpointJson()), SQLDataType.JSONB),
                column(transitions, StepTransition::checkpointSequence, SQLDataType.BIGINT),
                column(transitions, t -> jsonb(t.lastErrorJson()), SQLDataType.JSONB),
                column(transitions, StepTransition::nextAttemptAt, SQLDataType.INSTANT),
                column(transitions, t -> t.freeAttempt() ? 1 : 0, SQLDataType.INTEGER),
                column(transitions, StepTransition::answered, SQLDataType.BOOLEAN),
                column(transitions, StepTransition::deadlineAt, SQLDataType.INSTANT),
                column(transitions, t -> traceParents.get(t.stepId()), SQLDataType.CLOB)));
    Field<StepState> to = in.field("to_state", s.STATE.getDataType());
    Field<JSONB> checkpoint = in.field("checkpoint", SQLDataType.JSONB);
    Field<Long> sequence = in.field("checkpoint_sequence", SQLDataType.BIGINT);
    // Checked here as well as in the fold: a checkpoint another transaction stored since the
    // context was loaded (a late zombie) must not be overwritten by an older one.
    Condition newerCheckpoint =
        checkpoint.isNotNull().and(sequence.isNull().or(sequence.gt(s.CHECKPOINT_SEQUENCE)));
    CommonTableExpression<Record4<UUID, UUID, StepState, String>> moved =
        name("moved")
            .as(
                update(s)
                    .set(s.STATE, to)
                    .set(s.RESULTS, coalesce(in.field("results", SQLDataType.JSONB), s.RESULTS))
                    .set(s.CHECKPOINT, when(newerCheckpoint, checkpoint).else_(s.CHECKPOINT))
                    .set(
                        s.CHECKPOINT_SEQUENCE,
                        when(newerCheckpoint, coalesce(sequence, s.CHECKPOINT_SEQUENCE))
                            .else_(s.CHECKPOINT_SEQUENCE))
                    .set(
                        s.LAST_ERROR,
                        coalesce(in.field("last_error", SQLDataType.JSONB), s.LAST_ERROR))
                    .set(s.NEXT_ATTEMPT_AT, in.field("next_attempt_at", SQLDataType.INSTANT))
                    // A started attempt gets its whole timeout from the start; a dispatch's
                    // deadline
                    // means nothing once it is no longer in flight.
                    .set(
                        s.DEADLINE_AT,
                        coalesce(
                            in.field("deadline_at", SQLDataType.INSTANT),
                            when(to.in(StepMachine.IN_FLIGHT), s.DEADLINE_AT)))
                    .set(
                        s.FREE_ATTEMPTS,
                        s.FREE_ATTEMPTS.plus(in.field("free_attempt", SQLDataType.INTEGER)))
                    .set(
                        s.WAITING_SINCE,
                        when(in.field("answered", SQLDataType.BOOLEAN), castNull(s.WAITING_SINCE))
                            .else_(s.WAITING_SINCE))
                    .set(
                        s.COMPLETED_AT,
                        when(to.eq(StepState.COMPLETE), val(now, s.COMPLETED_AT))
                            .else_(s.COMPLETED_AT))
                    .set(
                        s.TRACE_PARENT,
                        coalesce(in.field("trace_parent", SQLDataType.CLOB), s.TRACE_PARENT))
                    .set(s.UPDATED_AT, now)
                    .from(in.table())
                    .where(s.ID.eq(in.field("step_id", SQLDataType.UUID)))
                    .and(s.TASK_ID.eq(in.field("task_id", SQLDataType.UUID)))
                    .and(s.STATE.eq(in.field("from_state", s.STATE.getDataType())))
                    .and(s.ATTEMPTS.eq(in.field("attempt", SQLDataType.INTEGER)))
                    .returningResult(s.ID, s.TASK_ID, s.STATE, s.TRACE_PARENT));
    CommonTableExpression<Record3<UUID, UUID, Integer>> children =
        name("children").as(ChildCounters.decrement(moved, now));
    // The tasks where a child's last unmet dependency was met here: only they need the scheduler.
    Table<Record1<UUID>> readied =
        selectDistinct(Columns.of(children, s.TASK_ID))
            .from(children)
            .where(Columns.of(children, s.UNMET_DEPENDENCIES).eq(0))
            .asTable("readied");
    return dsl.with(moved)
        .with(name("audit").as(insertAudit(transitions, moved, now)))
        .with(children)
        .select(
            Columns.of(moved, s.ID),
            Columns.of(moved, s.TASK_ID),
            Columns.of(moved, s.STATE),
            Columns.of(readied, s.TASK_ID).isNotNull())
        .from(moved)
        .leftJoin(readied)
        .on(Columns.of(readied, s.TASK_ID).eq(Columns.of(moved, s.TASK_ID)))
        .fetch(r -> new Moved(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  private static org.jooq.InsertResultStep<org.jooq.Record1<Long>> insertAudit(
      List<StepTransition> transitions,
      CommonTableExpression<Record4<UUID, UUID, StepState, String>> moved,
      Instant now) {
    List<AuditRow> rows = new ArrayList<>();
    for (StepTransition t : transitions) {
      for (Hop hop : t.hops()) {
        rows.add(new AuditRow(t, hop, rows.size()));
      }
    }
    Rows hops =
        zip(
            "hop",
            List.of(
                "step_id",
                "task_id",
                "from_state",
                "to_state",
                "attempt",
                "cause",
                "message_id",
                "ordinal"),
            List.of(
                column(rows, r -> r.transition().stepId(), SQLDataType.UUID),
                column(rows, r -> r.transition().taskId(), SQLDataType.UUID),
                column(rows, r -> r.hop().from().wireName(), SQLDataType.CLOB),
                column(rows, r -> r.hop().to().wireName(), SQLDataType.CLOB),
                column(rows, r -> r.transition().attempt(), SQLDataType.INTEGER),
                column(rows, r -> r.hop().cause(), SQLDataType.CLOB),
                column(rows, r -> r.hop().messageId(), SQLDataType.UUID),
                column(rows, AuditRow::ordinal, SQLDataType.INTEGER)));
    Field<UUID> hopStep = hops.field("step_id", SQLDataType.UUID);
    return insertInto(
            STEP_TRANSITIONS,
            STEP_TRANSITIONS.TASK_ID,
            STEP_TRANSITIONS.STEP_ID,
            STEP_TRANSITIONS.FROM_STATE,
            STEP_TRANSITIONS.TO_STATE,
            STEP_TRANSITIONS.ATTEMPT,
            STEP_TRANSITIONS.CAUSE,
            STEP_TRANSITIONS.MESSAGE_ID,
            STEP_TRANSITIONS.OCCURRED_AT)
        .select(
            select(
                    hops.field("task_id", SQLDataType.UUID),
                    hopStep,
                    hops.field("from_state", STEP_TRANSITIONS.FROM_STATE.getDataType()),
                    hops.field("to_state", STEP_TRANSITIONS.TO_STATE.getDataType()),
                    hops.field("attempt", SQLDataType.INTEGER),
                    hops.field("cause", SQLDataType.CLOB),
                    hops.field("message_id", SQLDataType.UUID),
                    val(now, STEP_TRANSITIONS.OCCURRED_AT))
                .from(hops.table())
                .join(moved)
                .on(Columns.of(moved, WORKFLOW_STEPS.ID).eq(hopStep))
                .orderBy(hops.field("ordinal", SQLDataType.INTEGER)))
        .returningResult(STEP_TRANSITIONS.ID);
  }

  private static @Nullable JSONB jsonb(@Nullable String json) {
    return json == null ? null : JSONB.valueOf(json);
  }

  private record AuditRow(StepTransition transition, Hop hop, int ordinal) {}

  /**
   * A step that moved, and the state it is in now.
   *
   * @param stepsReadied whether this statement left a step of the task with no unmet dependency
   */
  public record Moved(UUID stepId, UUID taskId, StepState state, boolean stepsReadied) {}
}
