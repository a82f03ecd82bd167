package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** One processor, one scheduler, workers that succeed at once. */
class DispatchFlowIT {

  private static final TestEnvironment environment = TestEnvironment.create();
  private static final DSLContext db = environment.database().dsl();
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static SimulatedWorkers workers;

  @BeforeAll
  static void start() {
    cluster = new Cluster(environment, MutableClock.startingNow());
    processor = cluster.startProcessor();
    cluster.startScheduler();
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(),
            environment.topics(),
            "e2e",
            SimulatedWorkers.succeeding());
  }

  @AfterAll
  static void stop() {
    workers.close();
    cluster.close();
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  @Test
  void a_diamond_runs_to_completion_and_its_join_waits_for_both_branches() {
    UUID task = Workflows.create(processor, "diamond", 1).getFirst();

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    Map<String, StepDispatch> dispatched = dispatchesOf(task);
    assertThat(dispatched).containsOnlyKeys("a", "b", "c", "d");
    assertThat(dispatched.get("d").dependencyResults()).containsOnlyKeys("b", "c");
    assertThat(dispatched.get("d").dependencyResults().get("b").get("step").asString())
        .isEqualTo("b");
    assertThat(dispatched.get("d").dependencyResultsOmitted()).isZero();
    assertThat(dispatched.get("b").dependencyResults()).containsOnlyKeys("a");
    // D was claimed only after both B and C had completed: compare audit order.
    long dEnqueued = auditId(task, "d", StepState.ENQUEUED);
    assertThat(dEnqueued)
        .isGreaterThan(auditId(task, "b", StepState.COMPLETE))
        .isGreaterThan(auditId(task, "c", StepState.COMPLETE));
  }

  @Test
  void a_three_level_fan_out_runs_to_completion_with_each_step_dispatched_once() {
    UUID task = Workflows.create(processor, "fanout", 1).getFirst();

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);

    List<StepDispatch> dispatches =
        workers.dispatches().stream().filter(d -> d.taskId().equals(task)).toList();
    assertThat(dispatches).hasSize(40);
    assertThat(dispatches).extracting(StepDispatch::stepName).doesNotHaveDuplicates();
    assertThat(
            db.fetchCount(
                WORKFLOW_STEPS,
                WORKFLOW_STEPS.TASK_ID.eq(task).and(WORKFLOW_STEPS.STATE.eq(StepState.COMPLETE))))
        .isEqualTo(40);
  }

  private static Map<String, StepDispatch> dispatchesOf(UUID task) {
    return workers.dispatches().stream()
        .filter(d -> d.taskId().equals(task))
        .collect(Collectors.toMap(StepDispatch::stepName, Function.identity()));
  }

  private static long auditId(UUID task, String step, StepState to) {
    return db.select(STEP_TRANSITIONS.ID)
        .from(STEP_TRANSITIONS)
        .join(WORKFLOW_STEPS)
        .on(WORKFLOW_STEPS.ID.eq(STEP_TRANSITIONS.STEP_ID))
        .where(WORKFLOW_STEPS.TASK_ID.eq(task))
        .and(WORKFLOW_STEPS.NAME.eq(step))
        .and(STEP_TRANSITIONS.TO_STATE.eq(to))
        .fetchSingle(STEP_TRANSITIONS.ID);
  }
}
