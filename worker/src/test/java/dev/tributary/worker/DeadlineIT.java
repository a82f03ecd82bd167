package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps' deadlines: a handler still running is interrupted; an expired dispatch never runs. */
class DeadlineIT {

  private final FakeScheduler scheduler = new FakeScheduler();
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void close() {
    never.countDown();
    scheduler.close();
  }

  @Test
  void a_handler_still_running_at_the_deadline_is_interrupted_and_fails_as_deadline_exceeded() {
    AtomicBoolean interrupted = new AtomicBoolean();
    TributaryWorker worker =
        scheduler.start(
            TributaryWorker.builder(scheduler.options().build())
                .handler(
                    "shop",
                    "slow_report",
                    context -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                      }
                      return StepOutcome.success();
                    }));
    StepDispatch dispatch =
        scheduler
            .dispatch("slow_report")
            .deadline(Instant.now().plus(Duration.ofMillis(1_500)))
            .build();

    scheduler.send(dispatch);

    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results.get(0).outcome()).isInstanceOf(Outcome.Started.class);
    Outcome.Failed failure = (Outcome.Failed) answer(results).outcome();
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.errorClass()).isEqualTo(ErrorClasses.DEADLINE_EXCEEDED);
    assertThat(failure.message()).contains(dispatch.deadline().toString());
    await().untilTrue(interrupted);
    await().until(() -> worker.counters().inFlight() == 0);
    assertThat(worker.counters().deadlinesExceeded()).isEqualTo(1);
    assertThat(scheduler.resultsOf(dispatch)).filteredOn(FakeScheduler::isAnswer).hasSize(1);
  }

  @Test
  void a_dispatch_already_past_its_deadline_is_failed_without_running() {
    Instant now = Instant.now();
    AtomicInteger runs = new AtomicInteger();
    TributaryWorker worker =
        scheduler.start(
            TributaryWorker.builder(
                    scheduler
                        .options()
                        // The worker's clock is ten minutes ahead: deadlines five minutes from
                        // now have passed for it.
                        .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)))
                        .build())
                .handler(
                    "shop",
                    "ship",
                    context -> {
                      runs.incrementAndGet();
                      return StepOutcome.success();
                    }));
    StepDispatch expired = scheduler.dispatch("ship").deadline(now.plusSeconds(300)).build();
    StepDispatch later =
        scheduler.dispatch("ship").task(expired.taskId()).deadline(now.plusSeconds(3_600)).build();

    scheduler.send(expired);
    scheduler.send(later);

    assertThat(answer(scheduler.awaitAnswer(later)).outcome())
        .isInstanceOf(Outcome.Succeeded.class);
    List<StepResult> results = scheduler.awaitAnswer(expired);
    assertThat(results).hasSize(1);
    Outcome.Failed failure = (Outcome.Failed) results.get(0).outcome();
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.errorClass()).isEqualTo(ErrorClasses.DEADLINE_EXCEEDED);
    assertThat(runs).hasValue(1);
    assertThat(worker.counters().expiredDispatches()).isEqualTo(1);
  }
}
