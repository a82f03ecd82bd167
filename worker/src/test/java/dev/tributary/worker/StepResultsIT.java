package dev.tributary.worker;

import static dev.tributary.worker.FakeScheduler.answer;
import static dev.tributary.worker.FakeScheduler.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.MessageHeaders;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.testkit.KafkaProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a worker publishes for each way a handler can end. */
class StepResultsIT {

  private final FakeScheduler scheduler = new FakeScheduler();

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void a_successful_step_reports_started_then_success_with_its_result_and_attempt() {
    AtomicReference<StepContext> seen = new AtomicReference<>();
    scheduler.start(
        TributaryWorker.builder(scheduler.options().workerId("worker-a").build())
            .handler(
                "shop",
                "charge_card",
                context -> {
                  seen.set(context);
                  return StepOutcome.success(
                      json("{\"charged\": 12.5, \"items\": [1, 2, {\"sku\": \"x\"}]}"));
                }));
    StepDispatch dispatch =
        scheduler
            .dispatch("charge_card")
            .attempt(2)
            .inputs(json("{\"amount\": 12.5}"))
            .dependencyResults(Map.of("reserve", json("{\"ok\": true}")))
            .build();

    scheduler.send(dispatch);

    List<StepResult> results = scheduler.awaitAnswer(dispatch);
    assertThat(results).extracting(StepResult::outcome).hasSize(2);
    assertThat(results.get(0).outcome()).isInstanceOf(Outcome.Started.class);
    assertThat(results.get(1).outcome())
        .isEqualTo(
            new Outcome.Succeeded(
                json("{\"charged\": 12.5, \"items\": [1, 2, {\"sku\": \"x\"}]}")));
    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.taskId()).isEqualTo(dispatch.taskId());
              assertThat(result.attempt()).isEqualTo(2);
              assertThat(result.worker()).isNotNull();
              assertThat(result.worker().workerId()).isEqualTo("worker-a");
            });
    assertThat(results.get(1).worker().finishedAt()).isNotNull();
    assertThat(seen.get().inputs()).isEqualTo(json("{\"amount\": 12.5}"));
    assertThat(seen.get().taskContext()).isEqualTo(dispatch.taskContext());
    assertThat(seen.get().dependencyResults()).containsEntry("reserve", json("{\"ok\": true}"));
    assertThat(seen.get().correlationId()).contains("order-42");
    assertThat(seen.get().lastCheckpoint()).isEmpty();
  }

  @Test
  void results_are_keyed_by_task_id_and_carry_the_dispatch_traceparent() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler("shop", "ship", context -> StepOutcome.success()));
    StepDispatch dispatch = scheduler.dispatch("ship").build();

    scheduler.send(dispatch);

    scheduler.awaitAnswer(dispatch);
    List<ConsumerRecord<String, byte[]>> records = scheduler.resultRecords();
    assertThat(records)
        .hasSize(2)
        .allSatisfy(
            record -> {
              assertThat(record.key()).isEqualTo(MessageHeaders.taskKey(dispatch.taskId()));
              assertThat(KafkaProbe.header(record, MessageHeaders.TRACEPARENT))
                  .isEqualTo(FakeScheduler.traceparentOf(dispatch));
            });
  }

  @Test
  void an_unexpected_exception_is_a_retryable_failure_named_by_its_class() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "call_api",
                context -> {
                  throw new IOException("connection reset by peer");
                }));
    StepDispatch dispatch = scheduler.dispatch("call_api").build();

    scheduler.send(dispatch);

    assertThat(answer(scheduler.awaitAnswer(dispatch)).outcome())
        .isEqualTo(
            new Outcome.Failed(true, "java.io.IOException", "connection reset by peer", null));
  }

  @Test
  void a_permanent_step_failure_is_not_retryable_and_keeps_its_error_class() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "charge_card",
                context -> {
                  throw StepFailure.permanent("card declined").withErrorClass("CardDeclined");
                }));
    StepDispatch dispatch = scheduler.dispatch("charge_card").build();

    scheduler.send(dispatch);

    assertThat(answer(scheduler.awaitAnswer(dispatch)).outcome())
        .isEqualTo(new Outcome.Failed(false, "CardDeclined", "card declined", null));
  }

  @Test
  void a_retryable_step_failure_can_ask_for_a_retry_delay() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "call_api",
                context -> {
                  throw StepFailure.retryable("rate limited")
                      .withRetryAfter(Duration.ofSeconds(90));
                }));
    StepDispatch dispatch = scheduler.dispatch("call_api").build();

    scheduler.send(dispatch);

    assertThat(answer(scheduler.awaitAnswer(dispatch)).outcome())
        .isEqualTo(new Outcome.Failed(true, "StepFailure", "rate limited", 90_000L));
  }

  @Test
  void a_decision_step_reports_the_branches_it_chose_and_its_result() {
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler(
                "shop",
                "choose_shipping",
                context -> StepOutcome.decide("express").withResult(json("{\"weight\": 2}")))
            .handler("shop", "maybe_gift_wrap", context -> StepOutcome.noBranches()));
    StepDispatch decide = scheduler.dispatch("choose_shipping").build();
    StepDispatch none = scheduler.dispatch("maybe_gift_wrap").build();

    scheduler.send(decide);
    scheduler.send(none);

    assertThat(answer(scheduler.awaitAnswer(decide)).outcome())
        .isEqualTo(
            new Outcome.Succeeded(
                json("{\"weight\": 2}"), new Expansion.CreateSteps(List.of("express"))));
    assertThat(answer(scheduler.awaitAnswer(none)).outcome())
        .isEqualTo(new Outcome.Succeeded(json("null"), new Expansion.NoBranches()));
  }

  @Test
  void a_batchable_step_reports_its_batches_as_cursors_or_as_a_split() {
    List<BatchCursor> cursors =
        List.of(
            new BatchCursor("b1", json("0"), json("100")),
            new BatchCursor("b2", json("100"), json("150")));
    scheduler.start(
        TributaryWorker.builder(scheduler.options().build())
            .handler("shop", "plan_export", context -> StepOutcome.batches(cursors))
            .handler("shop", "plan_import", context -> StepOutcome.split(1_000, 250))
            .handler("shop", "plan_nothing", context -> StepOutcome.noBatches()));
    StepDispatch explicit = scheduler.dispatch("plan_export").build();
    StepDispatch split = scheduler.dispatch("plan_import").build();
    StepDispatch nothing = scheduler.dispatch("plan_nothing").build();

    scheduler.send(explicit);
    scheduler.send(split);
    scheduler.send(nothing);

    assertThat(expansionOf(explicit)).isEqualTo(Expansion.CreateBatches.of(cursors));
    assertThat(expansionOf(split)).isEqualTo(Expansion.CreateBatches.split(1_000, 250));
    assertThat(expansionOf(nothing)).isEqualTo(new Expansion.NoBatches());
  }

  private Expansion expansionOf(StepDispatch dispatch) {
    Outcome outcome = answer(scheduler.awaitAnswer(dispatch)).outcome();
    assertThat(outcome).isInstanceOf(Outcome.Succeeded.class);
    return ((Outcome.Succeeded) outcome).expansion();
  }
}
