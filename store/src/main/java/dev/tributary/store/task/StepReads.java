package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

import dev.tributary.store.schema.tables.WorkflowSteps;
import dev.tributary.store.task.StepDetail.Readiness;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * Reads a task's steps for operators: in pages by name, one with its readiness, and one's history.
 * Pages follow the {@code (task_id, name)} unique index, so a page of a 10,000-worker batch costs
 * its own rows.
 */
public final class StepReads {

  private static final WorkflowSteps S = WORKFLOW_STEPS;

  private final DSLContext dsl;

  public StepReads(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Up to {@code limit} steps of the task in name order, after the name {@code after} when given,
   * only those whose names start with {@code namePrefix} when given (e.g. one batch's workers).
   */
  public List<StepView> page(
      UUID taskId, @Nullable String namePrefix, @Nullable String after, int limit) {
    return dsl.select(StepColumns.FIELDS)
        .from(S)
        .where(S.TASK_ID.eq(taskId))
        // The range makes the (task_id, name) index start at the prefix; LIKE alone cannot under
        // a collation other than C.
        .and(
            namePrefix == null
                ? noCondition()
                : S.NAME.ge(namePrefix).and(S.NAME.startsWith(namePrefix)))
        .and(after == null ? noCondition() : S.NAME.gt(after))
        .orderBy(S.NAME)
        .limit(limit)
        .fetch(StepColumns::toStep);
  }

  /** The task's step of this name with its readiness; empty when the task has no such step. */
  public Optional<StepDetail> find(UUID taskId, String name) {
    // Filtered on the view's grouping column (the step's id), so that only this step's edges are
    // aggregated.
    Field<Readiness> readiness =
        select(
                row(
                        STEP_READINESS.READY,
                        STEP_READINESS.WAITING_FOR,
                        STEP_READINESS.BLOCKING_REASON)
                    .mapping(StepReads::readiness))
            .from(STEP_READINESS)
            .where(STEP_READINESS.STEP_ID.eq(S.ID))
            .asField("readiness");
    return dsl.select(StepColumns.FIELDS)
        .select(readiness)
        .from(S)
        .where(S.TASK_ID.eq(taskId))
        .and(S.NAME.eq(name))
        .fetchOptional(r -> new StepDetail(StepColumns.toStep(r), r.get(readiness)));
  }

  /** The step's transitions, oldest first; empty when the task has no such step. */
  public Optional<List<StepTransition>> history(UUID taskId, String name) {
    Optional<UUID> stepId =
        dsl.select(S.ID)
            .from(S)
            .where(S.TASK_ID.eq(taskId))
            .and(S.NAME.eq(name))
            .fetchOptional(S.ID);
    return stepId.map(this::history);
  }

  private List<StepTransition> history(UUID stepId) {
    return dsl.select(
            STEP_TRANSITIONS.FROM_STATE,
            STEP_TRANSITIONS.TO_STATE,
            STEP_TRANSITIONS.ATTEMPT,
            STEP_TRANSITIONS.CAUSE,
            STEP_TRANSITIONS.MESSAGE_ID,
            STEP_TRANSITIONS.METADATA,
            STEP_TRANSITIONS.OCCURRED_AT)
        .from(STEP_TRANSITIONS)
        .where(STEP_TRANSITIONS.STEP_ID.eq(stepId))
        .orderBy(STEP_TRANSITIONS.OCCURRED_AT, STEP_TRANSITIONS.ID)
        .fetch(
            r ->
                new StepTransition(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    StepColumns.json(r.value6()),
                    r.value7()));
  }

  private static Readiness readiness(
      @Nullable Boolean ready, String @Nullable [] waitingFor, @Nullable String blockingReason) {
    return new Readiness(
        Boolean.TRUE.equals(ready),
        waitingFor == null ? List.of() : Arrays.asList(waitingFor),
        blockingReason);
  }
}
