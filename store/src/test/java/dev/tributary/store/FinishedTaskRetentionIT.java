package dev.tributary.store;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.TASK_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEP_EDGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.contracts.UuidV7;
import dev.tributary.core.template.StepKind;
import dev.tributary.store.maintenance.AuditPartitions;
import dev.tributary.store.maintenance.FinishedTaskRetention;
import dev.tributary.store.task.NewTask;
import dev.tributary.store.task.TaskInserts;
import dev.tributary.store.template.TemplateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention removes finished tasks older than the cutoff, a batch at a time, oldest first, with
 * their steps, edges and audit rows, and nothing else; old audit partitions are dropped whole.
 */
class FinishedTaskRetentionIT {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

  private DSLContext db;
  private UUID template;

  @BeforeEach
  void setUp() {
    db = StoreDatabase.create();
    template =
        new TemplateStore(db)
            .register(
                Templates.template(
                    "store",
                    "pair",
                    "1",
                    List.of(
                        Templates.step("a", StepKind.STANDARD),
                        Templates.step("b", StepKind.STANDARD))),
                NOW)
            .id();
  }

  @Test
  void finished_tasks_past_the_cutoff_go_oldest_first_in_batches_with_all_their_rows() {
    List<UUID> old =
        List.of(
            task(TaskState.COMPLETE, days(40)),
            task(TaskState.CANCELLED, days(35)),
            task(TaskState.RESOLVED_MANUALLY, days(50)),
            task(TaskState.COMPLETE, days(31)),
            task(TaskState.COMPLETE, days(60)));
    UUID recent = task(TaskState.COMPLETE, days(29));
    UUID blockedLongAgo = task(TaskState.BLOCKED_BY_FAILURES, days(90));
    UUID runningLongAgo = task(TaskState.IN_PROGRESS, days(90));
    FinishedTaskRetention retention = new FinishedTaskRetention(db);

    assertThat(retention.deleteFinishedBefore(CUTOFF, 2)).isEqualTo(2);
    assertThat(remaining(old))
        .as("the two oldest went first")
        .containsExactlyInAnyOrder(old.get(0), old.get(1), old.get(3));
    assertThat(retention.deleteFinishedBefore(CUTOFF, 2)).isEqualTo(2);
    assertThat(retention.deleteFinishedBefore(CUTOFF, 2)).isEqualTo(1);
    assertThat(retention.deleteFinishedBefore(CUTOFF, 2)).isZero();

    assertThat(remaining(old)).isEmpty();
    for (UUID kept : List.of(recent, blockedLongAgo, runningLongAgo)) {
      assertThat(rowsOf(kept)).as("rows of a kept task").isEqualTo(new Rows(1, 2, 1, 2, 1));
    }
    for (UUID gone : old) {
      assertThat(rowsOf(gone)).as("rows of a removed task").isEqualTo(new Rows(0, 0, 0, 0, 0));
    }
  }

  @Test
  void audit_partitions_whose_month_ended_before_the_cutoff_are_dropped_whole() {
    for (String month : List.of("2020_01", "2020_02")) {
      String from = month.replace('_', '-') + "-01";
      for (String parent : List.of("step_transitions", "task_transitions")) {
        db.execute(
            "CREATE TABLE "
                + parent
                + "_"
                + month
                + " PARTITION OF "
                + parent
                + " FOR VALUES FROM ('"
                + from
                + "') TO ('"
                + from
                + "'::date + interval '1 month')");
      }
    }
    AuditPartitions partitions = new AuditPartitions(db);

    assertThat(partitions.dropEndingBefore(Instant.parse("2020-01-31T23:59:59Z"))).isZero();
    assertThat(partitions.dropEndingBefore(Instant.parse("2020-02-01T00:00:00Z"))).isEqualTo(2);
    assertThat(partitionNames())
        .contains("step_transitions_2020_02", "task_transitions_2020_02")
        .doesNotContain("step_transitions_2020_01", "task_transitions_2020_01");
    assertThat(partitions.dropEndingBefore(NOW)).as("this month's and later stay").isEqualTo(2);
    assertThat(partitionNames()).contains("step_transitions_default", "task_transitions_default");
  }

  private record Rows(int tasks, int steps, int edges, int stepAudit, int taskAudit) {}

  private Rows rowsOf(UUID task) {
    return new Rows(
        db.fetchCount(TASKS, TASKS.ID.eq(task)),
        db.fetchCount(WORKFLOW_STEPS, WORKFLOW_STEPS.TASK_ID.eq(task)),
        db.fetchCount(WORKFLOW_STEP_EDGES, WORKFLOW_STEP_EDGES.TASK_ID.eq(task)),
        db.fetchCount(STEP_TRANSITIONS, STEP_TRANSITIONS.TASK_ID.eq(task)),
        db.fetchCount(TASK_TRANSITIONS, TASK_TRANSITIONS.TASK_ID.eq(task)));
  }

  private List<UUID> remaining(List<UUID> tasks) {
    return db.select(TASKS.ID).from(TASKS).where(TASKS.ID.in(tasks)).fetch(TASKS.ID);
  }

  private List<String> partitionNames() {
    return db.fetch("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid")
        .getValues(0, String.class);
  }

  private static Instant days(int ago) {
    return NOW.minus(Duration.ofDays(ago));
  }

  /** A task of two steps (b after a) in the given state since {@code finished}, with audit rows. */
  private UUID task(TaskState state, Instant finished) {
    UUID a = UuidV7.generate();
    UUID b = UuidV7.generate();
    NewTask task =
        new NewTask(
            UuidV7.generate(),
            template,
            "{}",
            null,
            null,
            0,
            "test:" + UUID.randomUUID(),
            List.of(
                new NewTask.NewStep(a, "a", "a", 0, "{}"),
                new NewTask.NewStep(b, "b", "b", 1, "{}")),
            List.of(new NewTask.NewEdge(a, b)),
            null);
    new TaskInserts(db).insert(List.of(task), finished);
    db.update(TASKS)
        .set(TASKS.STATE, state)
        .set(TASKS.UPDATED_AT, finished)
        .where(TASKS.ID.eq(task.id()))
        .execute();
    for (UUID step : List.of(a, b)) {
      db.insertInto(STEP_TRANSITIONS)
          .set(STEP_TRANSITIONS.TASK_ID, task.id())
          .set(STEP_TRANSITIONS.STEP_ID, step)
          .set(STEP_TRANSITIONS.TO_STATE, StepState.COMPLETE)
          .set(STEP_TRANSITIONS.ATTEMPT, 1)
          .set(STEP_TRANSITIONS.CAUSE, "test")
          .set(STEP_TRANSITIONS.OCCURRED_AT, finished)
          .execute();
    }
    return task.id();
  }
}
