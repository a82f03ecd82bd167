package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing a worker with steps in flight: finish and commit, or give back. */
class ShutdownIT {

  private final FakeScheduler scheduler = new FakeScheduler();
  private final String group = "shop-workers-" + UUID.randomUUID();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    scheduler.close();
  }

  @Test
  void a_step_finishing_within_the_grace_period_is_published_and_committed_and_nothing_new_starts()
      throws Exception {
    TributaryWorker first =
        scheduler.start(
            TributaryWorker.builder(
                    scheduler
                        .options(group)
                        .workerId("first")
                        .shutdownGracePeriod(Duration.ofSeconds(20))
                        .build())
                .handler(
                    "shop",
                    "pack",
                    context -> {
                      release.await();
                      return StepOutcome.success();
                    }));
    StepDispatch running = scheduler.dispatch("pack").build();
    StepDispatch next = scheduler.dispatch("pack").task(running.taskId()).build();
    scheduler.send(running);
    scheduler.awaitResults(running, rs -> !rs.isEmpty());

    CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
    await().until(() -> !first.isRunning());
    scheduler.send(next); // after close began: must not start on the closing worker
    release.countDown();
    closing.get();

    assertThat(answer(scheduler.awaitAnswer(running)).outcome())
        .isInstanceOf(Outcome.Succeeded.class);
    // Both dispatches share a task id, so a partition: offset 0 done, offset 1 given back.
    assertThat(scheduler.committedOffsets(group).values()).containsExactly(1L);

    scheduler.start(
        TributaryWorker.builder(scheduler.options(group).workerId("second").build())
            .handler("shop", "pack", context -> StepOutcome.success()));
    List<StepResult> nextResults = scheduler.awaitAnswer(next);
    assertThat(nextResults).allSatisfy(r -> assertThat(r.worker().workerId()).isEqualTo("second"));
    // The second worker started after the committed offset: it never saw the first dispatch
    // (its results for it would precede those for the next one on the same partition).
    assertThat(scheduler.resultsOf(running))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.worker().workerId()).isEqualTo("first"));
  }

  @Test
  void a_step_still_running_after_the_grace_period_is_given_back_to_another_instance() {
    AtomicBoolean interrupted = new AtomicBoolean();
    TributaryWorker first =
        scheduler.start(
            TributaryWorker.builder(
                    scheduler
                        .options(group)
                        .workerId("first")
                        .shutdownGracePeriod(Duration.ofMillis(300))
                        .build())
                .handler(
                    "shop",
                    "pack",
                    context -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return StepOutcome.success();
                    }));
    StepDispatch dispatch = scheduler.dispatch("pack").build();
    scheduler.send(dispatch);
    scheduler.awaitResults(dispatch, rs -> !rs.isEmpty());

    first.close();

    await().untilTrue(interrupted);
    assertThat(first.counters().givenBack()).isEqualTo(1);
    assertThat(scheduler.committedOffsets(group).values()).containsExactly(0L);

    scheduler.start(
        TributaryWorker.builder(scheduler.options(group).workerId("second").build())
            .handler("shop", "pack", context -> StepOutcome.success()));
    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results)
        .extracting(r -> r.worker().workerId(), StepResult::outcome)
        .containsExactly(
            tuple("first", new Outcome.Started()),
            tuple("second", new Outcome.Started()),
            tuple("second", new Outcome.Succeeded(FakeScheduler.json("null"))));
  }
}
