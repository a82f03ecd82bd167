package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;

import dev.tributary.store.schema.tables.WorkflowSteps;
import java.util.List;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/** The columns of a {@link StepView} and how a row becomes one: for every read of whole steps. */
final class StepColumns {

  private static final WorkflowSteps S = WORKFLOW_STEPS;

  static final List<Field<?>> FIELDS =
      List.of(
          S.ID,
          S.NAME,
          S.KIND,
          S.STATE,
          S.ATTEMPTS,
          S.MAX_ATTEMPTS,
          S.RETRYABLE,
          S.UNMET_DEPENDENCIES,
          S.NEXT_ATTEMPT_AT,
          S.DISPATCHED_AT,
          S.DEADLINE_AT,
          S.INPUTS,
          S.RESULTS,
          S.CHECKPOINT,
          S.LAST_ERROR,
          S.CREATED_AT,
          S.UPDATED_AT,
          S.COMPLETED_AT);

  private StepColumns() {}

  static StepView toStep(Record r) {
    return new StepView(
        r.get(S.ID),
        r.get(S.NAME),
        r.get(S.KIND),
        r.get(S.STATE),
        r.get(S.ATTEMPTS),
        r.get(S.MAX_ATTEMPTS),
        r.get(S.RETRYABLE),
        r.get(S.UNMET_DEPENDENCIES),
        r.get(S.NEXT_ATTEMPT_AT),
        r.get(S.DISPATCHED_AT),
        r.get(S.DEADLINE_AT),
        r.get(S.INPUTS).data(),
        json(r.get(S.RESULTS)),
        json(r.get(S.CHECKPOINT)),
        json(r.get(S.LAST_ERROR)),
        r.get(S.CREATED_AT),
        r.get(S.UPDATED_AT),
        r.get(S.COMPLETED_AT));
  }

  static @Nullable String json(@Nullable JSONB value) {
    return value == null ? null : value.data();
  }
}
