package dev.tributary.store.task;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;

import dev.tributary.store.schema.tables.WorkflowSteps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * A step's dependency results in pages, by dependency name: for steps with more dependencies than a
 * dispatch carries (e.g. a convergence over thousands of batch workers).
 */
public final class DependencyResults {

  private final DSLContext dsl;

  public DependencyResults(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Up to {@code limit} results of the step's dependencies whose names sort after {@code after}, in
   * name order; raw JSON by name ({@code null} for a dependency with no result).
   */
  public Map<String, @Nullable String> page(
      UUID taskId, String stepName, @Nullable String after, int limit) {
    WorkflowSteps step = WORKFLOW_STEPS.as("step");
    WorkflowSteps dependency = WORKFLOW_STEPS.as("dependency");
    Map<String, @Nullable String> page = new LinkedHashMap<>();
    dsl.select(dependency.NAME, dependency.RESULTS)
        .from(step)
        .join(WORKFLOW_STEP_EDGES)
        .on(WORKFLOW_STEP_EDGES.TO_STEP.eq(step.ID))
        .join(dependency)
        .on(dependency.ID.eq(WORKFLOW_STEP_EDGES.FROM_STEP))
        .where(step.TASK_ID.eq(taskId))
        .and(step.NAME.eq(stepName))
        .and(after == null ? org.jooq.impl.DSL.noCondition() : dependency.NAME.gt(after))
        .orderBy(dependency.NAME)
        .limit(limit)
        .forEach(r -> page.put(r.value1(), json(r.value2())));
    return page;
  }

  private static @Nullable String json(@Nullable JSONB value) {
    return value == null ? null : value.data();
  }
}
