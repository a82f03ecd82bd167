package dev.tributary.demo;

import static dev.tributary.store.schema.Tables.NAMED_TASKS;
import static dev.tributary.store.schema.Tables.STEP_READINESS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_NAMESPACES;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * What the demo reads from the database to show progress and sum up a run. Read-only, off the hot
 * path: the services never run these, and the counts scan tables that hold one demo's worth of
 * rows.
 *
 * <p>Only tasks created since the demo started count: an external database may hold an earlier
 * run's. Their creation time is the processor's clock, which is this JVM's.
 */
final class RunStatistics {

  private static final List<TaskState> FINISHED =
      List.of(
          TaskState.COMPLETE,
          TaskState.BLOCKED_BY_FAILURES,
          TaskState.CANCELLED,
          TaskState.RESOLVED_MANUALLY);

  private final DSLContext db;
  private final Condition thisRun;

  /**
   * @param since when the demo started: tasks created before belong to another run
   */
  RunStatistics(DataSource dataSource, Instant since) {
    this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
    this.thisRun = TASKS.CREATED_AT.ge(since);
  }

  /** Tasks by state and step counts, in two statements. */
  Progress progress() {
    Map<TaskState, Integer> tasks =
        db.select(TASKS.STATE, count())
            .from(TASKS)
            .where(thisRun)
            .groupBy(TASKS.STATE)
            .fetchMap(TASKS.STATE, count());
    Record3<Integer, Integer, Integer> steps =
        db.select(
                count(),
                count().filterWhere(WORKFLOW_STEPS.STATE.eq(StepState.COMPLETE)),
                count().filterWhere(WORKFLOW_STEPS.ATTEMPTS.gt(1)))
            .from(WORKFLOW_STEPS)
            .join(TASKS)
            .on(TASKS.ID.eq(WORKFLOW_STEPS.TASK_ID))
            .where(thisRun)
            .fetchSingle();
    return new Progress(
        tasks.values().stream().mapToInt(Integer::intValue).sum(),
        tasks.getOrDefault(TaskState.COMPLETE, 0),
        tasks.getOrDefault(TaskState.BLOCKED_BY_FAILURES, 0),
        tasks.getOrDefault(TaskState.CANCELLED, 0)
            + tasks.getOrDefault(TaskState.RESOLVED_MANUALLY, 0),
        steps.value1(),
        steps.value2(),
        steps.value3());
  }

  /** When the last task to finish finished, if any has. */
  Optional<Instant> lastFinishedAt() {
    return Optional.ofNullable(
        db.select(max(TASKS.UPDATED_AT))
            .from(TASKS)
            .where(thisRun)
            .and(TASKS.STATE.in(FINISHED))
            .fetchOne(0, Instant.class));
  }

  /** How long each completed task took, from its creation to its completion. */
  List<Duration> completedTaskLatencies() {
    return db.select(TASKS.CREATED_AT, TASKS.COMPLETED_AT)
        .from(TASKS)
        .where(thisRun)
        .and(TASKS.STATE.eq(TaskState.COMPLETE))
        .and(TASKS.COMPLETED_AT.isNotNull())
        .fetch(r -> Duration.between(r.value1(), r.value2()));
  }

  /**
   * Why tasks are not complete: up to {@code limit} of their unfinished steps, with the blocking
   * reason from the step_readiness view; steps that failed for good first.
   */
  List<UnfinishedStep> unfinishedSteps(int limit) {
    return db.select(
            TASKS.ID,
            TASKS.STATE,
            STEP_READINESS.NAME,
            STEP_READINESS.STATE,
            STEP_READINESS.BLOCKING_REASON)
        .from(TASKS)
        .join(STEP_READINESS)
        .on(STEP_READINESS.TASK_ID.eq(TASKS.ID))
        .where(thisRun)
        .and(TASKS.STATE.ne(TaskState.COMPLETE))
        .and(STEP_READINESS.STATE.ne(StepState.COMPLETE))
        .orderBy(
            DSL.when(STEP_READINESS.STATE.eq(StepState.ERROR), 0).otherwise(1),
            TASKS.ID,
            STEP_READINESS.NAME)
        .limit(limit)
        .fetch(r -> new UnfinishedStep(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
  }

  /**
   * Tasks that finished (completed, blocked by failures, cancelled, resolved) and were last updated
   * at or after {@code since}, oldest first.
   */
  List<FinishedTask> finishedSince(Instant since) {
    return db.select(
            TASKS.ID,
            TASK_NAMESPACES.NAME,
            NAMED_TASKS.NAME,
            TASKS.STATE,
            TASKS.CREATED_AT,
            TASKS.UPDATED_AT)
        .from(TASKS)
        .join(NAMED_TASKS)
        .on(NAMED_TASKS.ID.eq(TASKS.NAMED_TASK_ID))
        .join(TASK_NAMESPACES)
        .on(TASK_NAMESPACES.ID.eq(NAMED_TASKS.NAMESPACE_ID))
        .where(TASKS.UPDATED_AT.ge(since))
        .and(TASKS.STATE.in(FINISHED))
        .orderBy(TASKS.UPDATED_AT)
        .fetch(
            r ->
                new FinishedTask(
                    r.value1(),
                    r.value2() + "/" + r.value3(),
                    r.value4(),
                    r.value6(),
                    Duration.between(r.value5(), r.value6())));
  }

  /**
   * A step of a task that did not complete.
   *
   * @param taskId the task
   * @param taskState the task's state
   * @param step the step's name
   * @param state the step's state
   * @param reason why it is not complete, as the step_readiness view says
   */
  record UnfinishedStep(
      UUID taskId, TaskState taskState, String step, StepState state, String reason) {

    @Override
    public String toString() {
      return "task %s (%s), step %s: %s".formatted(taskId, taskState.wireName(), step, reason);
    }
  }

  /**
   * A task that finished.
   *
   * @param id the task
   * @param template its template, namespace/name
   * @param state how it finished
   * @param at when it finished
   * @param took how long after its creation
   */
  record FinishedTask(UUID id, String template, TaskState state, Instant at, Duration took) {}
}
