package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.STEP_TRANSITIONS;
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
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two processors and two schedulers share the work of 200 tasks. */
class ReplicasIT {

  @Test
  void
      two_schedulers_and_two_processors_dispatch_each_step_once_per_attempt_and_finish_every_task() {
    TestEnvironment environment = TestEnvironment.create();
    DSLContext db = environment.database().dsl();
    try (Cluster cluster = new Cluster(environment, MutableClock.startingNow());
        SimulatedWorkers workers =
            new SimulatedWorkers(
                environment.bootstrapServers(),
                environment.topics(),
                "e2e",
                SimulatedWorkers.succeeding())) {
      ConfigurableApplicationContext processor = cluster.startProcessor();
      cluster.startProcessor();
      cluster.startScheduler();
      cluster.startScheduler();

      List<UUID> tasks = Workflows.create(processor, "diamond", 200);

      Workflows.awaitState(db, tasks, TaskState.COMPLETE);
      List<StepDispatch> dispatches = workers.dispatches();
      Map<String, Long> perAttempt =
          dispatches.stream()
              .collect(
                  Collectors.groupingBy(
                      d -> d.stepId() + "#" + d.attempt(), Collectors.counting()));
      assertThat(perAttempt)
          .hasSize(800)
          .allSatisfy((attempt, count) -> assertThat(count).isEqualTo(1));
      assertThat(
              db.fetchCount(
                  STEP_TRANSITIONS,
                  STEP_TRANSITIONS
                      .TASK_ID
                      .in(tasks)
                      .and(STEP_TRANSITIONS.TO_STATE.eq(StepState.ENQUEUED))))
          .isEqualTo(800);
      Invariants.assertAll(db);
    }
  }
}
