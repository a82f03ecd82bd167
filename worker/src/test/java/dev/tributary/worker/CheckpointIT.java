package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static dev.tributary.worker.FakeScheduler.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checkpoints: reported while a handler runs, handed to the next attempt. */
class CheckpointIT {

  private final FakeScheduler scheduler = new FakeScheduler();

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void a_checkpoint_is_published_for_the_current_attempt_while_the_handler_runs() throws Exception {
    CountDownLatch checkpointSeen = new CountDownLatch(1);
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "export_rows",
                context -> {
                  context.checkpoint(json("{\"cursor\": 500, \"processed\": 500}"));
                  checkpointSeen.await();
                  return StepOutcome.success(json("{\"processed\": 1000}"));
                }));
    StepDispatch dispatch = scheduler.dispatch("export_rows").attempt(3).build();

    scheduler.send(dispatch);

    List<StepResult> running =
        scheduler.awaitResults(
            dispatch, rs -> rs.stream().anyMatch(r -> r.outcome() instanceof Outcome.Checkpointed));
    assertThat(running).noneMatch(FakeScheduler::isAnswer);
    checkpointSeen.countDown();
    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results)
        .extracting(StepResult::outcome)
        .containsExactly(
            new Outcome.Started(),
            new Outcome.Checkpointed(json("{\"cursor\": 500, \"processed\": 500}")),
            new Outcome.Succeeded(json("{\"processed\": 1000}")));
    assertThat(results).extracting(StepResult::attempt).containsOnly(3);
  }

  @Test
  void a_retried_dispatch_hands_the_last_checkpoint_to_the_handler() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "export_rows",
                context -> {
                  int from = context.lastCheckpoint().map(c -> c.get("cursor").asInt()).orElse(0);
                  return StepOutcome.success(json("{\"resumed_from\": " + from + "}"));
                }));
    StepDispatch retry =
        scheduler.dispatch("export_rows").attempt(2).checkpoint(json("{\"cursor\": 500}")).build();

    scheduler.send(retry);

    assertThat(answer(scheduler.awaitAnswer(retry)).outcome())
        .isEqualTo(new Outcome.Succeeded(json("{\"resumed_from\": 500}")));
  }
}
