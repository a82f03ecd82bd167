package dev.tributary.store.dispatch;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.tributary.contracts.StepState;
import dev.tributary.core.state.StepMachine;
import dev.tributary.store.internal.Columns;
import dev.tributary.store.schema.tables.WorkflowSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches whose deadline passed with no result: the worker died, the dispatch was lost, or the
 * scheduler died between claiming and producing. Taking one pushes its deadline back by the grace
 * period, so each is reported once per grace period, by one scheduler:
 *
 * <pre>
 * UPDATE workflow_steps SET deadline_at = :now + :grace
 * WHERE id IN (SELECT id FROM workflow_steps WHERE state IN ('enqueued', 'in_progress')
 *              AND deadline_at &lt; :now ORDER BY deadline_at LIMIT :n FOR UPDATE SKIP LOCKED)
 * RETURNING id, task_id, attempts, trace_parent
 * </pre>
 */
public final class ExpiredDispatches {

  private final DSLContext dsl;

  public ExpiredDispatches(DSLContext dsl) {
    this.dsl = dsl;
  }

  public List<Expired> take(int limit, Duration grace, Instant now) {
    WorkflowSteps s = WORKFLOW_STEPS;
    var candidates =
        name("candidates")
            .as(
                select(s.ID)
                    .from(s)
                    .where(s.STATE.in(StepMachine.IN_FLIGHT))
                    .and(s.DEADLINE_AT.lt(now))
                    .orderBy(s.DEADLINE_AT)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked());
    return dsl.with(candidates)
        .update(s)
        .set(s.DEADLINE_AT, now.plus(grace))
        .from(candidates)
        .where(s.ID.eq(Columns.of(candidates, s.ID)))
        .returningResult(s.ID, s.TASK_ID, s.ATTEMPTS, s.TRACE_PARENT)
        .fetch(r -> new Expired(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /**
   * Makes these claimed attempts due at once, for dispatches that could not be sent: the next sweep
   * reports them failed and they are retried, rather than waiting out their timeout.
   */
  public int expireNow(List<Expired> attempts, Instant now) {
    if (attempts.isEmpty()) {
      return 0;
    }
    WorkflowSteps s = WORKFLOW_STEPS;
    return dsl.update(s)
        .set(s.DEADLINE_AT, now)
        .where(s.ID.eq(any(val(attempts.stream().map(Expired::stepId).toArray(UUID[]::new)))))
        .and(s.STATE.eq(StepState.ENQUEUED))
        .execute();
  }

  /**
   * An attempt that ran out of time, with the trace context its step was readied in (the failure
   * reported for it joins the task's trace there).
   */
  public record Expired(UUID stepId, UUID taskId, int attempt, @Nullable String traceParent) {}
}
