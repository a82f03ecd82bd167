package dev.tributary.processor.finalization;

import static dev.tributary.processor.WorkflowDriver.failure;
import static dev.tributary.processor.WorkflowDriver.success;
import static dev.tributary.store.schema.Tables.TASKS;
import static dev.tributary.store.schema.Tables.WORKFLOW_STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.StepState;
import dev.tributary.contracts.TaskState;
import dev.tributary.core.template.TemplateParser;
import dev.tributary.processor.ProcessorIntegration;
import dev.tributary.processor.WorkflowDriver;
import dev.tributary.processor.operator.OperatorService;
import dev.tributary.processor.result.ResultProcessor;
import dev.tributary.processor.task.TaskCreation;
import dev.tributary.processor.template.TemplateCatalog;
import dev.tributary.store.dispatch.ClaimedStep;
import dev.tributary.testkit.Invariants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The last result of a task and an operator's resolve of its failed step, at the same moment. Each
 * transaction is held open right after its finalization statement while the other runs as far as it
 * can, which is the interleaving where both would decide from a snapshot that misses the other's
 * change and leave the task blocked with every step finished. Finalizations of a task must run one
 * after the other, so the task completes whichever goes first.
 */
@Import(FinalizationRaceIT.Gate.class)
class FinalizationRaceIT extends ProcessorIntegration {

  @Autowired TemplateCatalog catalog;
  @Autowired TaskCreation creation;
  @Autowired ResultProcessor processor;
  @Autowired OperatorService operators;

  private DSLContext db;
  private WorkflowDriver driver;

  @BeforeEach
  void setUp() {
    db = environment.database().dsl();
    driver = new WorkflowDriver(creation, db, clock);
    catalog.register(
        TemplateParser.fromYaml(
            """
            namespace: race
            name: pair
            version: "1"
            defaults:
              retry: {max_attempts: 1}
            steps:
              - name: a
              - name: b
            """,
            "test"));
  }

  @AfterEach
  void invariantsHold() {
    Invariants.assertAll(db);
  }

  @Test
  void a_result_finalizing_first_and_a_resolve_at_the_same_moment_complete_the_task() {
    Race race = aFailedAndBRunning();

    race.run(race::lastResult, race::resolve);

    assertThat(race.taskState()).isEqualTo(TaskState.COMPLETE);
  }

  @Test
  void a_resolve_finalizing_first_and_a_result_at_the_same_moment_complete_the_task() {
    Race race = aFailedAndBRunning();

    race.run(race::resolve, race::lastResult);

    assertThat(race.taskState()).isEqualTo(TaskState.COMPLETE);
  }

  private Race aFailedAndBRunning() {
    UUID task = driver.createTasks("race", "pair", 1).getFirst();
    Map<String, ClaimedStep> claimed = new java.util.HashMap<>();
    driver.claim(List.of(task)).forEach(step -> claimed.put(step.stepName(), step));
    processor.process(List.of(failure(claimed.get("a"), false, null)));
    assertThat(
            db.fetchValue(
                WORKFLOW_STEPS.STATE,
                WORKFLOW_STEPS.TASK_ID.eq(task).and(WORKFLOW_STEPS.NAME.eq("a"))))
        .isEqualTo(StepState.ERROR);
    return new Race(task, claimed.get("b"));
  }

  private final class Race {
    private final UUID task;
    private final ClaimedStep b;

    Race(UUID task, ClaimedStep b) {
      this.task = task;
      this.b = b;
    }

    void lastResult() {
      processor.process(List.of(success(b, "{}")));
    }

    void resolve() {
      operators.resolve(task, "a", "{\"by\": \"hand\"}", "tester");
    }

    /**
     * Runs {@code first} until it has finalized (holding its transaction open), then {@code second}
     * until it is done or waits for a lock, then lets both finish.
     */
    void run(Runnable first, Runnable second) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        CompletableFuture<Void> firstDone = Gate.holdAfterFinalization(first, threads);
        CompletableFuture<Void> secondDone = CompletableFuture.runAsync(second, threads);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> secondDone.isDone() || waitingForALock());
        Gate.release();
        firstDone.join();
        secondDone.join();
      } finally {
        threads.shutdownNow();
      }
    }

    TaskState taskState() {
      return db.fetchValue(TASKS.STATE, TASKS.ID.eq(task));
    }
  }

  private boolean waitingForALock() {
    Object waiting =
        db.fetchValue(
            "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
    return ((Number) waiting).intValue() > 0;
  }

  /** Holds one thread's transaction open after its finalization statement. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Gate implements ExecuteListener {

    private static volatile Thread held;
    private static volatile CountDownLatch reached = new CountDownLatch(1);
    private static volatile CountDownLatch released = new CountDownLatch(1);

    @Bean
    ExecuteListenerProvider finalizationGate() {
      return new DefaultExecuteListenerProvider(new Gate());
    }

    static CompletableFuture<Void> holdAfterFinalization(Runnable action, Executor thread) {
      reached = new CountDownLatch(1);
      released = new CountDownLatch(1);
      CompletableFuture<Void> done =
          CompletableFuture.runAsync(
              () -> {
                held = Thread.currentThread();
                action.run();
              },
              thread);
      await().atMost(Duration.ofSeconds(30)).until(() -> reached.getCount() == 0 || done.isDone());
      assertThat(done).as("the first action reached its finalization and waits").isNotDone();
      return done;
    }

    static void release() {
      released.countDown();
    }

    @Override
    public void executeEnd(ExecuteContext context) {
      // TaskFinalization's statement is the one with the "decided" CTE.
      if (Thread.currentThread() == held
          && context.sql() != null
          && context.sql().contains("\"decided\"")) {
        held = null;
        reached.countDown();
        try {
          released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
