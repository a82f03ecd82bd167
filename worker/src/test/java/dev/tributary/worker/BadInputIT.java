package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records a worker cannot run never block a partition. */
class BadInputIT {

  private final FakeScheduler scheduler = new FakeScheduler();

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void a_dispatch_for_a_handler_the_worker_lacks_fails_permanently_as_unknown_handler() {
    TributaryWorker worker =
        scheduler.start(
            TributaryWorker.builder(scheduler.options().build())
                .handler("shop", "ship", context -> StepOutcome.success()));
    StepDispatch dispatch = scheduler.dispatch("gift_wrap").build();

    scheduler.send(dispatch);

    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results).hasSize(1);
    Outcome.Failed failure = (Outcome.Failed) results.get(0).outcome();
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.errorClass()).isEqualTo(ErrorClasses.UNKNOWN_HANDLER);
    assertThat(failure.message()).contains("'gift_wrap'", "'shop'");
    assertThat(worker.counters().unknownHandlers()).isEqualTo(1);
  }

  @Test
  void invalid_records_are_skipped_and_committed_and_the_next_dispatch_runs() {
    String group = "workers-" + UUID.randomUUID();
    TributaryWorker worker =
        scheduler.start(
            TributaryWorker.builder(scheduler.options(group).build())
                .handler("shop", "ship", context -> StepOutcome.success()));
    StepDispatch valid = scheduler.dispatch("ship").build();
    String key = valid.taskId().toString(); // one key: one partition, in this order

    scheduler.sendRaw("shop", key, "{not json".getBytes(StandardCharsets.UTF_8));
    scheduler.sendRaw(
        "shop",
        key,
        "{\"schema_version\": 1, \"task_id\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    scheduler.send(valid);

    assertThat(answer(scheduler.awaitAnswer(valid)).outcome())
        .isInstanceOf(Outcome.Succeeded.class);
    assertThat(worker.counters().invalidDispatches()).isEqualTo(2);
    await()
        .untilAsserted(
            () -> assertThat(scheduler.committedOffsets(group).values()).containsExactly(3L));
  }
}
