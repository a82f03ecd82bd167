package dev.tributary.e2e;

import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.scheduler.dispatch.Dispatcher;
import dev.tributary.scheduler.sweep.Sweeper;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.store.dispatch.StepClaims;
import dev.tributary.store.metrics.StatementCounter;
import dev.tributary.testkit.Invariants;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.TestEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sweep, driven by the test: the scheduler here neither listens to signals nor sweeps on its
 * own, and time moves only when the test moves the clock.
 */
class SweepIT {

  private static final TestEnvironment environment = TestEnvironment.create();
  private static final DSLContext db = environment.database().dsl();
  private static final MutableClock clock = MutableClock.startingNow();
  private static Cluster cluster;
  private static ConfigurableApplicationContext processor;
  private static Sweeper sweeper;
  private static Dispatcher dispatcher;
  private static SimulatedWorkers workers;

  @BeforeAll
  static void start() {
    cluster = new Cluster(environment, clock);
    processor = cluster.startProcessor();
    ConfigurableApplicationContext scheduler =
        cluster.startScheduler(
            "--tributary.scheduler.listen=false", "--tributary.scheduler.sweep-enabled=false");
    sweeper = scheduler.getBean(Sweeper.class);
    dispatcher = scheduler.getBean(Dispatcher.class);
    workers =
        new SimulatedWorkers(
            environment.bootstrapServers(),
            environment.topics(),
            "e2e",
            dispatch ->
                dispatch.attempt() == 1
                        && dispatch.taskContext().path("fail_first").asBoolean(false)
                    ? List.of(new Outcome.Failed(true, "java.io.IOException", "flaky", null))
                    : List.of(new Outcome.Succeeded(JsonMapper.shared().createObjectNode())));
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
  void
      a_step_claimed_by_a_scheduler_that_died_before_producing_is_redispatched_and_the_attempt_does_not_count() {
    // Never retried: were the lost attempt to count, the step would fail for good.
    UUID task = Workflows.create(processor, "once", 1).getFirst();
    // The scheduler that dies: its claim commits, its dispatch is never produced.
    ClaimedStep lost =
        new StepClaims(db).claimReady(List.of(task), 10, 10, clock.instant()).getFirst();

    assertThat(sweeper.sweep().expiredReported()).isZero();
    clock.advance(Duration.ofSeconds(6));
    assertThat(sweeper.sweep().expiredReported()).isEqualTo(1);
    awaitStep(lost, StepState.WAITING_FOR_RETRY);

    clock.advance(Duration.ofSeconds(1));
    assertThat(sweeper.sweep().retriesDispatched()).isEqualTo(1);

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);
    assertThat(attemptsDispatched(task)).containsExactly(2);
    assertThat(db.fetchValue(WORKFLOW_STEPS.FREE_ATTEMPTS, WORKFLOW_STEPS.ID.eq(lost.stepId())))
        .isEqualTo(1);
  }

  @Test
  void a_retryable_failure_on_attempt_one_is_redispatched_as_attempt_two_after_its_backoff() {
    UUID task = failingFirst();

    assertThat(sweeper.sweep().readyDispatched()).isEqualTo(1);
    await().until(() -> stepState(task) == StepState.WAITING_FOR_RETRY);
    assertThat(sweeper.sweep().retriesDispatched()).as("before the backoff has passed").isZero();

    clock.advance(Duration.ofSeconds(1));
    assertThat(sweeper.sweep().retriesDispatched()).isEqualTo(1);

    Workflows.awaitState(db, List.of(task), TaskState.COMPLETE);
    assertThat(attemptsDispatched(task)).containsExactly(1, 2);
  }

  @Test
  void a_poll_of_signals_for_200_tasks_claims_with_dependency_results_in_one_statement() {
    List<UUID> tasks = Workflows.create(processor, "diamond", 200);

    // One claim statement each time: the steps, their audit rows and the dependency results.
    // a of every task, the roots
    assertThat(dispatchCountingStatements(tasks)).isEqualTo(new Dispatched(200, 1));
    awaitSteps(tasks, "a", StepState.COMPLETE);
    // b and c of every task, each carrying a's result
    assertThat(dispatchCountingStatements(tasks)).isEqualTo(new Dispatched(400, 1));
    awaitSteps(tasks, "c", StepState.COMPLETE);
    awaitSteps(tasks, "b", StepState.COMPLETE);
    // d, carrying b's and c's results
    assertThat(dispatchCountingStatements(tasks)).isEqualTo(new Dispatched(200, 1));

    Workflows.awaitState(db, tasks, TaskState.COMPLETE);
    assertThat(
            workers.dispatches().stream()
                .filter(d -> tasks.contains(d.taskId()) && d.stepName().equals("d")))
        .hasSize(200)
        .allSatisfy(d -> assertThat(d.dependencyResults().keySet()).contains("b", "c"));
  }

  private record Dispatched(int steps, int statements) {}

  private static Dispatched dispatchCountingStatements(List<UUID> tasks) {
    try (StatementCounter.Measurement statements = StatementCounter.measure()) {
      int steps = dispatcher.dispatchReady(tasks);
      return new Dispatched(steps, statements.count());
    }
  }

  private static void awaitSteps(List<UUID> tasks, String name, StepState state) {
    await()
        .untilAsserted(
            () ->
                assertThat(
                        db.fetchCount(
                            WORKFLOW_STEPS,
                            WORKFLOW_STEPS
                                .TASK_ID
                                .in(tasks)
                                .and(WORKFLOW_STEPS.NAME.eq(name))
                                .and(WORKFLOW_STEPS.STATE.eq(state))))
                    .isEqualTo(tasks.size()));
  }

  private static UUID failingFirst() {
    return processor
        .getBean(dev.tributary.processor.task.TaskCreation.class)
        .create(
            List.of(
                dev.tributary.contracts.TaskRequest.of(
                    "e2e",
                    "flaky",
                    JsonMapper.shared().createObjectNode().put("fail_first", true))))
        .stream()
        .map(o -> ((dev.tributary.processor.task.CreationOutcome.Created) o).taskId())
        .findFirst()
        .orElseThrow();
  }

  private static List<Integer> attemptsDispatched(UUID task) {
    return workers.dispatches().stream()
        .filter(d -> d.taskId().equals(task))
        .map(StepDispatch::attempt)
        .toList();
  }

  private static StepState stepState(UUID task) {
    return db.fetchValue(WORKFLOW_STEPS.STATE, WORKFLOW_STEPS.TASK_ID.eq(task));
  }

  private static void awaitStep(ClaimedStep step, StepState state) {
    await()
        .untilAsserted(
            () ->
                assertThat(db.fetchValue(WORKFLOW_STEPS.STATE, WORKFLOW_STEPS.ID.eq(step.stepId())))
                    .isEqualTo(state));
  }
}
