package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded concurrency: never more handlers at once than configured. */
class ConcurrencyIT {

  private static final int CONCURRENCY = 2;
  private static final int STEPS = 10;

  private final FakeScheduler scheduler = new FakeScheduler();
  private final Semaphore permits = new Semaphore(0);

  @AfterEach
  void close() {
    permits.release(STEPS);
    scheduler.close();
  }

  @Test
  void no_more_handlers_run_at_once_than_the_configured_concurrency() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    TributaryWorker worker =
        scheduler.start(
            TributaryWorker.builder(scheduler.options().concurrency(CONCURRENCY).build())
                .handler(
                    "shop",
                    "resize_image",
                    context -> {
                      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                      try {
                        permits.acquire();
                      } finally {
                        running.decrementAndGet();
                      }
                      return StepOutcome.success();
                    }));
    List<StepDispatch> dispatches =
        IntStream.range(0, STEPS)
            .mapToObj(i -> scheduler.dispatch("resize_image").build())
            .toList();

    dispatches.forEach(scheduler::send);

    await().until(() -> running.get() == CONCURRENCY);
    assertThat(worker.counters().inFlight()).isEqualTo(CONCURRENCY);
    // Back-pressure: while every slot runs, the worker reads ahead until a slot's worth waits (one
    // poll, of at most max.poll.records = concurrency, may overshoot), then the consumer pauses,
    // however many dispatches are on the topic.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> worker.counters().dispatchesReceived() < 3L * CONCURRENCY);
    assertThat(started(scheduler.awaitAllResults(rs -> rs.size() >= CONCURRENCY)))
        .isEqualTo(CONCURRENCY);

    permits.release(STEPS);

    List<StepResult> results =
        scheduler.awaitAllResults(
            rs -> rs.stream().filter(FakeScheduler::isAnswer).count() == STEPS);
    assertThat(results)
        .filteredOn(FakeScheduler::isAnswer)
        .extracting(StepResult::outcome)
        .allMatch(Outcome.Succeeded.class::isInstance);
    assertThat(mostAtOnce).hasValue(CONCURRENCY);
  }

  private static long started(List<StepResult> results) {
    return results.stream().filter(r -> r.outcome() instanceof Outcome.Started).count();
  }
}
