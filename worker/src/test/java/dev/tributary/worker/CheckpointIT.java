package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static dev.tributary.worker.FakeScheduler.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.NulCharacter;
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
                  context.checkpoint(json("{\"cursor\": 600, \"processed\": 600}"));
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
            new Outcome.Checkpointed(json("{\"cursor\": 500, \"processed\": 500}"), 1L),
            new Outcome.Checkpointed(json("{\"cursor\": 600, \"processed\": 600}"), 2L),
            new Outcome.Succeeded(json("{\"processed\": 1000}")));
    assertThat(results).extracting(StepResult::attempt).containsOnly(3);
  }

  @Test
  void a_checkpoint_holding_U0000_is_refused_with_the_reason_and_never_sent() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "export_rows",
                context -> {
                  try {
                    context.checkpoint(json("{\"cursor\": \"a\\u0000\"}"));
                    return StepOutcome.success(json("{\"refused\": false}"));
                  } catch (IllegalArgumentException refused) {
                    return StepOutcome.success(json("{\"refused\": true}"));
                  }
                }));
    StepDispatch dispatch = scheduler.dispatch("export_rows").build();

    scheduler.send(dispatch);

    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results).noneMatch(r -> r.outcome() instanceof Outcome.Checkpointed);
    assertThat(answer(results).outcome())
        .isEqualTo(new Outcome.Succeeded(json("{\"refused\": true}")));
  }

  @Test
  void a_result_holding_U0000_is_reported_as_a_permanent_failure_saying_why() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "export_rows",
                context -> StepOutcome.success(json("{\"rows\": [\"ok\", \"\\u0000\"]}"))));
    StepDispatch dispatch = scheduler.dispatch("export_rows").build();

    scheduler.send(dispatch);

    assertThat(answer(scheduler.awaitAnswer(dispatch)).outcome())
        .isEqualTo(
            new Outcome.Failed(
                false,
                ErrorClasses.INVALID_OUTCOME,
                "result.rows[1] contains U+0000: " + NulCharacter.RULE,
                null));
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
