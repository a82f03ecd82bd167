package dev.tributary.core.result;

import static dev.tributary.contracts.StepState.COMPLETE;
import static dev.tributary.contracts.StepState.ENQUEUED;
import static dev.tributary.contracts.StepState.ERROR;
import static dev.tributary.contracts.StepState.IN_PROGRESS;
import static dev.tributary.contracts.StepState.WAITING_FOR_RETRY;
import static dev.tributary.core.result.StepSnapshots.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.core.result.ResultFolding.Folded;
import dev.tributary.core.result.StepTransition.Hop;
import dev.tributary.core.result.Verdict.Ignored;
import dev.tributary.core.result.Verdict.Reason;
import dev.tributary.core.result.Verdict.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class StepFoldTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final OutcomeRules EVERY_SUCCESS_FITS = (step, success) -> Optional.empty();

  private final AtomicLong messages = new AtomicLong();

  private static ResultFolding folding(OutcomeRules rules) {
    return new ResultFolding(new Backoff(MAX_RETRY_AFTER, new SplittableRandom(42)), rules);
  }

  private static Folded fold(StepSnapshot step, StepResult... results) {
    return folding(EVERY_SUCCESS_FITS).fold(List.of(results), Map.of(step.stepId(), step), NOW);
  }

  private StepResult result(int attempt, Outcome outcome) {
    return result(StepSnapshots.STEP, attempt, outcome);
  }

  private StepResult result(UUID stepId, int attempt, Outcome outcome) {
    UUID messageId = new UUID(0xE, messages.incrementAndGet());
    return new StepResult(
        StepResult.SCHEMA_VERSION, messageId, StepSnapshots.TASK, stepId, attempt, outcome, null);
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static Outcome outcome(String kind) {
    return switch (kind) {
      case "started" -> new Outcome.Started();
      case "checkpoint" -> new Outcome.Checkpointed(json("{\"offset\": 10}"), null);
      case "success" -> new Outcome.Succeeded(json("{\"total\": 3}"));
      case "failure" -> new Outcome.Failed(true, "IOException", "connection reset", null);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static StepTransition onlyTransition(Folded folded) {
    assertThat(folded.transitions()).hasSize(1);
    return folded.transitions().getFirst();
  }

  private static JsonNode lastError(StepTransition transition) {
    assertThat(transition.lastErrorJson()).isNotNull();
    return json(transition.lastErrorJson());
  }

  @Test
  void a_started_moves_an_enqueued_step_in_progress() {
    StepResult started = result(1, new Outcome.Started());

    Folded folded = fold(step().build(), started);

    assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED);
    assertThat(onlyTransition(folded))
        .isEqualTo(
            new StepTransition(
                StepSnapshots.STEP,
                StepSnapshots.TASK,
                ENQUEUED,
                1,
                IN_PROGRESS,
                null,
                null,
                null,
                null,
                null,
                false,
                true,
                NOW.plusSeconds(30),
                List.of(new Hop(ENQUEUED, IN_PROGRESS, "started", started.messageId()))));
    assertThat(folded.changes(StepSnapshots.STEP)).isTrue();
  }

  @Test
  void a_dispatch_nobody_started_is_dispatched_again_after_its_backoff_and_does_not_count() {
    StepResult expired =
        result(3, new Outcome.Failed(true, "DeadlineExceeded", "no result in time", null));

    Folded folded =
        fold(
            step().attempt(3).freeAttempts(1).waiting(NOW.minusSeconds(600), null).build(),
            expired);

    StepTransition transition = onlyTransition(folded);
    assertThat(transition.to()).isEqualTo(StepState.WAITING_FOR_RETRY);
    assertThat(transition.freeAttempt()).isTrue();
    assertThat(transition.answered()).isFalse();
    assertThat(transition.nextAttemptAt()).isEqualTo(NOW.plusSeconds(4));
    assertThat(transition.hops()).extracting(Hop::cause).containsExactly("not_picked_up");
    assertThat(transition.lastErrorJson()).contains("does not count");
  }

  @Test
  void a_dispatch_nobody_started_within_the_schedule_to_start_fails_the_step_for_good() {
    StepResult expired =
        result(1, new Outcome.Failed(true, "DeadlineExceeded", "no result in time", null));

    Folded folded = fold(step().waiting(NOW.minusSeconds(60), 60_000).build(), expired);

    StepTransition transition = onlyTransition(folded);
    assertThat(transition.to()).isEqualTo(StepState.ERROR);
    assertThat(transition.freeAttempt()).isFalse();
    assertThat(transition.lastErrorJson())
        .contains("ScheduleToStartTimeout", "\"retryable\":false");
  }

  @Test
  void a_started_attempt_that_runs_out_of_time_counts_against_the_step() {
    StepResult expired =
        result(3, new Outcome.Failed(true, "DeadlineExceeded", "no result in time", null));

    Folded folded = fold(step().in(IN_PROGRESS).attempt(3).freeAttempts(1).build(), expired);

    StepTransition transition = onlyTransition(folded);
    assertThat(transition.to()).as("2 of 3 attempts counted").isEqualTo(WAITING_FOR_RETRY);
    assertThat(transition.freeAttempt()).isFalse();
    assertThat(onlyTransition(fold(step().in(IN_PROGRESS).attempt(3).build(), expired)).to())
        .as("3 of 3 attempts counted")
        .isEqualTo(StepState.ERROR);
  }

  @ParameterizedTest
  @EnumSource(names = {"ENQUEUED", "IN_PROGRESS"})
  void a_success_completes_an_in_flight_step_with_its_result(StepState state) {
    StepResult success = result(1, new Outcome.Succeeded(json("{\"total\": 3}")));

    Folded folded = fold(step().in(state).build(), success);

    assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED);
    StepTransition transition = onlyTransition(folded);
    assertThat(transition.from()).isEqualTo(state);
    assertThat(transition.to()).isEqualTo(COMPLETE);
    assertThat(json(transition.resultsJson())).isEqualTo(json("{\"total\": 3}"));
    assertThat(transition.lastErrorJson()).isNull();
    assertThat(transition.nextAttemptAt()).isNull();
    assertThat(transition.hops())
        .containsExactly(new Hop(state, COMPLETE, "success", success.messageId()));
    assertThat(folded.expansion(StepSnapshots.STEP)).isEmpty();
  }

  @Test
  void a_checkpoint_moves_an_enqueued_step_in_progress_and_records_where_it_got() {
    StepResult checkpoint = result(1, new Outcome.Checkpointed(json("{\"offset\": 10}"), 1L));

    StepTransition transition = onlyTransition(fold(step().build(), checkpoint));

    assertThat(transition.to()).isEqualTo(IN_PROGRESS);
    assertThat(json(transition.checkpointJson())).isEqualTo(json("{\"offset\": 10}"));
    assertThat(transition.checkpointSequence()).isEqualTo(1L);
    assertThat(transition.hops())
        .containsExactly(new Hop(ENQUEUED, IN_PROGRESS, "checkpoint", checkpoint.messageId()));
  }

  @Test
  void a_checkpoint_of_a_step_in_progress_is_a_transition_without_a_hop() {
    Folded folded =
        fold(step().in(IN_PROGRESS).build(), result(1, new Outcome.Checkpointed(json("[1]"))));

    assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED);
    StepTransition transition = onlyTransition(folded);
    assertThat(transition.from()).isEqualTo(IN_PROGRESS);
    assertThat(transition.to()).isEqualTo(IN_PROGRESS);
    assertThat(transition.checkpointJson()).isEqualTo("[1]");
    assertThat(transition.checkpointSequence()).isNull();
    assertThat(transition.hops()).isEmpty();
  }

  @ParameterizedTest(name = "{0} for a step {1}: {2}")
  @CsvSource({
    "started, IN_PROGRESS, DUPLICATE",
    "started, PENDING, NOT_APPLICABLE",
    "started, WAITING_FOR_RETRY, NOT_APPLICABLE",
    "started, COMPLETE, NOT_APPLICABLE",
    "started, ERROR, NOT_APPLICABLE",
    "started, CANCELLED, NOT_APPLICABLE",
    "started, RESOLVED_MANUALLY, NOT_APPLICABLE",
    "checkpoint, PENDING, NOT_APPLICABLE",
    "checkpoint, WAITING_FOR_RETRY, NOT_APPLICABLE",
    "checkpoint, COMPLETE, NOT_APPLICABLE",
    "checkpoint, ERROR, NOT_APPLICABLE",
    "checkpoint, CANCELLED, NOT_APPLICABLE",
    "checkpoint, RESOLVED_MANUALLY, NOT_APPLICABLE",
    "success, COMPLETE, DUPLICATE",
    "success, PENDING, NOT_APPLICABLE",
    "success, WAITING_FOR_RETRY, NOT_APPLICABLE",
    "success, ERROR, NOT_APPLICABLE",
    "success, CANCELLED, NOT_APPLICABLE",
    "success, RESOLVED_MANUALLY, NOT_APPLICABLE",
    "failure, WAITING_FOR_RETRY, DUPLICATE",
    "failure, ERROR, DUPLICATE",
    "failure, PENDING, NOT_APPLICABLE",
    "failure, COMPLETE, NOT_APPLICABLE",
    "failure, CANCELLED, NOT_APPLICABLE",
    "failure, RESOLVED_MANUALLY, NOT_APPLICABLE"
  })
  void a_message_no_row_takes_from_the_steps_state_changes_nothing(
      String kind, StepState state, Reason reason) {
    Folded folded = fold(step().in(state).build(), result(1, outcome(kind)));

    assertThat(folded.verdicts()).containsExactly(new Ignored(reason));
    assertThat(folded.transitions()).isEmpty();
    assertThat(folded.changes(StepSnapshots.STEP)).isFalse();
  }

  @ParameterizedTest(name = "a result of attempt {1} for a step {0} at attempt 2")
  @CsvSource({
    "started, 1",
    "checkpoint, 1",
    "success, 1",
    "failure, 1",
    "success, 3",
    "failure, 3"
  })
  void a_result_of_another_attempt_is_stale(String kind, int attempt) {
    Folded folded = fold(step().in(ENQUEUED).attempt(2).build(), result(attempt, outcome(kind)));

    assertThat(folded.verdicts()).containsExactly(new Ignored(Reason.STALE_ATTEMPT));
    assertThat(folded.transitions()).isEmpty();
  }

  @Test
  void a_stale_attempt_is_reported_as_such_even_for_a_finished_step() {
    Folded folded = fold(step().in(COMPLETE).attempt(2).build(), result(1, outcome("success")));

    assertThat(folded.verdicts()).containsExactly(new Ignored(Reason.STALE_ATTEMPT));
  }

  @ParameterizedTest
  @CsvSource({
    "started, DUPLICATE",
    "success, DUPLICATE",
    "failure, DUPLICATE",
  })
  void the_same_message_twice_in_one_poll_applies_once(String kind, Reason second) {
    StepResult message = result(1, outcome(kind));

    Folded folded = fold(step().build(), message, message);

    assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED, new Ignored(second));
    assertThat(onlyTransition(folded).hops()).hasSize(1);
  }

  @Test
  void the_same_numbered_checkpoint_twice_in_one_poll_applies_once() {
    StepResult checkpoint = result(1, new Outcome.Checkpointed(json("{\"offset\": 10}"), 3L));

    Folded folded =
        fold(step().in(IN_PROGRESS).checkpointSequence(2).build(), checkpoint, checkpoint);

    assertThat(folded.verdicts())
        .containsExactly(Verdict.APPLIED, new Ignored(Reason.STALE_CHECKPOINT));
    assertThat(onlyTransition(folded).checkpointSequence()).isEqualTo(3L);
  }

  @ParameterizedTest
  @CsvSource({"started, DUPLICATE", "success, DUPLICATE", "failure, DUPLICATE"})
  void a_message_redelivered_in_a_later_poll_changes_nothing(String kind, Reason reason) {
    StepResult message = result(1, outcome(kind));
    StepTransition first = onlyTransition(fold(step().build(), message));

    Folded again = fold(step().in(first.to()).build(), message);

    assertThat(again.verdicts()).containsExactly(new Ignored(reason));
    assertThat(again.transitions()).isEmpty();
  }

  @Test
  void a_success_before_its_started_in_one_poll_completes_the_step_and_the_started_is_late() {
    StepResult success = result(1, outcome("success"));
    StepResult started = result(1, new Outcome.Started());

    Folded folded = fold(step().build(), success, started);

    assertThat(folded.verdicts())
        .containsExactly(Verdict.APPLIED, new Ignored(Reason.NOT_APPLICABLE));
    StepTransition transition = onlyTransition(folded);
    assertThat(transition.from()).isEqualTo(ENQUEUED);
    assertThat(transition.to()).isEqualTo(COMPLETE);
    assertThat(transition.hops())
        .containsExactly(new Hop(ENQUEUED, COMPLETE, "success", success.messageId()));
  }

  @Test
  void several_messages_of_one_step_in_a_poll_give_one_transition_from_the_loaded_state() {
    StepResult started = result(1, new Outcome.Started());
    StepResult checkpoint = result(1, new Outcome.Checkpointed(json("{\"offset\": 5}"), 1L));
    StepResult failure = result(1, new Outcome.Failed(true, "IOException", "reset", null));

    Folded folded = fold(step().build(), started, checkpoint, failure);

    assertThat(folded.verdicts())
        .containsExactly(Verdict.APPLIED, Verdict.APPLIED, Verdict.APPLIED);
    StepTransition transition = onlyTransition(folded);
    assertThat(transition.from()).isEqualTo(ENQUEUED);
    assertThat(transition.attempt()).isEqualTo(1);
    assertThat(transition.to()).isEqualTo(WAITING_FOR_RETRY);
    assertThat(json(transition.checkpointJson())).isEqualTo(json("{\"offset\": 5}"));
    assertThat(transition.lastErrorJson()).isNotNull();
    assertThat(transition.hops())
        .containsExactly(
            new Hop(ENQUEUED, IN_PROGRESS, "started", started.messageId()),
            new Hop(IN_PROGRESS, WAITING_FOR_RETRY, "failure", failure.messageId()));
  }

  @ParameterizedTest(name = "a checkpoint numbered {0} after stored {1}: {2}")
  @CsvSource({"4, 5, false", "5, 5, false", "6, 5, true", "1, 0, true"})
  void a_checkpoint_applies_only_if_numbered_after_the_stored_one(
      long sequence, long stored, boolean applies) {
    Folded folded =
        fold(
            step().in(IN_PROGRESS).checkpointSequence(stored).build(),
            result(1, new Outcome.Checkpointed(json("{\"offset\": 7}"), sequence)));

    if (applies) {
      assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED);
      assertThat(onlyTransition(folded).checkpointSequence()).isEqualTo(sequence);
    } else {
      assertThat(folded.verdicts()).containsExactly(new Ignored(Reason.STALE_CHECKPOINT));
      assertThat(folded.transitions()).isEmpty();
    }
  }

  @Test
  void an_older_checkpoint_after_a_newer_one_in_the_same_poll_is_stale() {
    StepResult newer = result(1, new Outcome.Checkpointed(json("{\"offset\": 20}"), 2L));
    StepResult older = result(1, new Outcome.Checkpointed(json("{\"offset\": 10}"), 1L));

    Folded folded = fold(step().in(IN_PROGRESS).build(), newer, older);

    assertThat(folded.verdicts())
        .containsExactly(Verdict.APPLIED, new Ignored(Reason.STALE_CHECKPOINT));
    StepTransition transition = onlyTransition(folded);
    assertThat(json(transition.checkpointJson())).isEqualTo(json("{\"offset\": 20}"));
    assertThat(transition.checkpointSequence()).isEqualTo(2L);
  }

  @Test
  void a_checkpoint_without_a_sequence_always_applies() {
    Folded folded =
        fold(
            step().in(IN_PROGRESS).checkpointSequence(5).build(),
            result(1, new Outcome.Checkpointed(json("{\"offset\": 1}"))));

    assertThat(folded.verdicts()).containsExactly(Verdict.APPLIED);
    assertThat(onlyTransition(folded).checkpointSequence()).isNull();
  }

  @Test
  void a_retryable_failure_with_attempts_left_waits_for_a_retry_after_the_backoff() {
    StepResult failure = result(1, new Outcome.Failed(true, "IOException", "reset", null));

    StepTransition transition = onlyTransition(fold(step().in(IN_PROGRESS).build(), failure));

    assertThat(transition.to()).isEqualTo(WAITING_FOR_RETRY);
    assertThat(transition.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(transition.hops())
        .containsExactly(new Hop(IN_PROGRESS, WAITING_FOR_RETRY, "failure", failure.messageId()));
  }

  @Test
  void a_retry_is_due_within_the_jitter_of_the_backoff() {
    StepSnapshot jittered = step().backoff(1_000, 2, 60_000, 0.5).build();

    StepTransition transition =
        onlyTransition(fold(jittered, result(1, new Outcome.Failed(true, "E", "", null))));

    assertThat(transition.nextAttemptAt()).isBetween(NOW.plusMillis(500), NOW.plusMillis(1_500));
  }

  @Test
  void a_retry_is_due_when_the_worker_asked_for_it() {
    StepTransition transition =
        onlyTransition(fold(step().build(), result(1, new Outcome.Failed(true, "E", "", 7_000L))));

    assertThat(transition.nextAttemptAt()).isEqualTo(NOW.plusSeconds(7));
  }

  @ParameterizedTest(name = "failure retryable {0}, step retryable {1}, attempt {2} of {3}: {4}")
  @CsvSource({
    "true, true, 1, 3, WAITING_FOR_RETRY",
    "true, true, 2, 3, WAITING_FOR_RETRY",
    "true, true, 3, 3, ERROR",
    "true, true, 1, 1, ERROR",
    "false, true, 1, 3, ERROR",
    "true, false, 1, 3, ERROR",
    "false, false, 1, 3, ERROR"
  })
  void a_failure_is_retried_only_if_it_and_the_step_are_retryable_and_attempts_are_left(
      boolean failureRetryable, boolean stepRetryable, int attempt, int maxAttempts, StepState to) {
    StepSnapshot step =
        step()
            .in(IN_PROGRESS)
            .attempt(attempt)
            .maxAttempts(maxAttempts)
            .retryable(stepRetryable)
            .build();

    StepTransition transition =
        onlyTransition(
            fold(step, result(attempt, new Outcome.Failed(failureRetryable, "E", "boom", null))));

    assertThat(transition.to()).isEqualTo(to);
    assertThat(transition.nextAttemptAt() != null).isEqualTo(to == WAITING_FOR_RETRY);
    assertThat(lastError(transition).get("retryable").asBoolean()).isEqualTo(failureRetryable);
  }

  @Test
  void a_failure_records_its_error_with_the_attempt_and_the_time() {
    StepTransition transition =
        onlyTransition(
            fold(
                step().attempt(2).build(),
                result(2, new Outcome.Failed(false, "IllegalStateException", "no stock", null))));

    assertThat(lastError(transition))
        .isEqualTo(
            json(
                """
                {"error_class": "IllegalStateException", "message": "no stock",
                 "retryable": false, "attempt": 2, "at": "2026-03-01T12:00:00Z"}
                """));
  }

  @Test
  void a_failure_whose_words_hold_U0000_is_stored_with_replacement_characters() {
    StepTransition transition =
        onlyTransition(
            fold(step().build(), result(1, new Outcome.Failed(true, "Bad\0Class", "a\0b", null))));

    assertThat(transition.to()).isEqualTo(WAITING_FOR_RETRY);
    assertThat(lastError(transition).get("error_class").asString()).isEqualTo("Bad\uFFFDClass");
    assertThat(lastError(transition).get("message").asString()).isEqualTo("a\uFFFDb");
  }

  @Test
  void a_success_holding_U0000_fails_the_step_for_good_as_an_invalid_outcome() {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.putObject("order").put("note", "a\0b");
    StepResult success = result(1, new Outcome.Succeeded(result));

    StepTransition transition = onlyTransition(fold(step().in(IN_PROGRESS).build(), success));

    assertThat(transition.to()).isEqualTo(ERROR);
    assertThat(transition.resultsJson()).isNull();
    assertThat(transition.nextAttemptAt()).isNull();
    assertThat(transition.hops())
        .containsExactly(new Hop(IN_PROGRESS, ERROR, "invalid_outcome", success.messageId()));
    JsonNode error = lastError(transition);
    assertThat(error.get("error_class").asString()).isEqualTo(ErrorClasses.INVALID_OUTCOME);
    assertThat(error.get("retryable").asBoolean()).isFalse();
    assertThat(error.get("message").asString()).startsWith("result.order.note contains U+0000");
  }

  @Test
  void a_success_with_U0000_in_a_key_names_where_the_key_is() {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.putObject("order").put("no\0te", "fine");

    StepTransition transition =
        onlyTransition(fold(step().build(), result(1, new Outcome.Succeeded(result))));

    assertThat(lastError(transition).get("message").asString())
        .startsWith("result.order (in a key) contains U+0000");
  }

  @Test
  void a_batch_cursor_holding_U0000_fails_the_step_as_an_invalid_outcome() {
    List<BatchCursor> cursors =
        List.of(
            new BatchCursor("a", json("0"), json("10")),
            new BatchCursor("b", JsonNodeFactory.instance.stringNode("x\0"), json("20")));
    Outcome success = new Outcome.Succeeded(json("{}"), Expansion.CreateBatches.of(cursors));

    Folded folded = fold(step().build(), result(1, success));

    StepTransition transition = onlyTransition(folded);
    assertThat(transition.to()).isEqualTo(ERROR);
    assertThat(lastError(transition).get("message").asString())
        .startsWith("expansion.cursors[1].start contains U+0000");
    assertThat(folded.expansion(StepSnapshots.STEP)).isEmpty();
  }

  @Test
  void a_checkpoint_holding_U0000_fails_the_step_for_good_as_an_invalid_outcome() {
    ObjectNode checkpoint = JsonNodeFactory.instance.objectNode();
    checkpoint.putArray("seen").add("ok").add("\0");

    StepTransition transition =
        onlyTransition(fold(step().build(), result(1, new Outcome.Checkpointed(checkpoint, 1L))));

    assertThat(transition.to()).isEqualTo(ERROR);
    assertThat(transition.checkpointJson()).isNull();
    assertThat(transition.checkpointSequence()).isNull();
    assertThat(lastError(transition).get("error_class").asString())
        .isEqualTo(ErrorClasses.INVALID_OUTCOME);
    assertThat(lastError(transition).get("message").asString())
        .startsWith("checkpoint.seen[1] contains U+0000");
  }

  @Test
  void a_success_that_does_not_fit_its_step_fails_it_for_good_with_the_reason() {
    OutcomeRules rules = (step, success) -> Optional.of("standard step 'work' cannot create steps");
    StepSnapshot step = step().build();
    Outcome success = new Outcome.Succeeded(json("{}"), new Expansion.NoBranches());

    Folded folded =
        folding(rules).fold(List.of(result(1, success)), Map.of(step.stepId(), step), NOW);

    StepTransition transition = onlyTransition(folded);
    assertThat(transition.to()).isEqualTo(ERROR);
    assertThat(transition.resultsJson()).isNull();
    assertThat(lastError(transition).get("message").asString())
        .isEqualTo("standard step 'work' cannot create steps");
    assertThat(folded.expansion(StepSnapshots.STEP)).isEmpty();
  }

  @Test
  void a_success_that_fits_hands_over_its_expansion_with_the_step() {
    StepSnapshot step = step().build();
    Expansion expansion = new Expansion.CreateSteps(List.of("express"));

    Folded folded = fold(step, result(1, new Outcome.Succeeded(json("{}"), expansion)));

    assertThat(folded.expansion(StepSnapshots.STEP))
        .contains(new ResultFolding.Expanding(step, expansion));
  }

  @Test
  void a_message_for_an_unknown_step_is_rejected_and_the_others_still_fold() {
    UUID unknown = new UUID(0xB, 99);
    StepResult lost = result(unknown, 1, new Outcome.Started());

    Folded folded = fold(step().build(), lost, result(1, new Outcome.Started()));

    assertThat(folded.verdicts())
        .containsExactly(
            new Rejected("unknown step " + unknown + " of task " + StepSnapshots.TASK),
            Verdict.APPLIED);
    assertThat(folded.transitions())
        .extracting(StepTransition::stepId)
        .containsExactly(StepSnapshots.STEP);
    assertThat(folded.changes(unknown)).isFalse();
  }

  @Test
  void a_message_naming_a_known_step_under_another_task_is_rejected() {
    UUID otherTask = new UUID(0xA, 2);
    StepResult misaddressed =
        new StepResult(
            StepResult.SCHEMA_VERSION,
            new UUID(0xE, 999),
            otherTask,
            StepSnapshots.STEP,
            1,
            new Outcome.Started(),
            null);

    Folded folded = fold(step().build(), misaddressed);

    assertThat(folded.verdicts())
        .containsExactly(
            new Rejected("unknown step " + StepSnapshots.STEP + " of task " + otherTask));
    assertThat(folded.transitions()).isEmpty();
  }

  @Test
  void messages_of_several_steps_give_one_transition_per_changed_step_in_order() {
    UUID second = new UUID(0xB, 2);
    UUID third = new UUID(0xB, 3);
    StepSnapshot first = step().build();
    Map<UUID, StepSnapshot> snapshots =
        Map.of(
            StepSnapshots.STEP,
            first,
            second,
            step().id(second).in(IN_PROGRESS).build(),
            third,
            step().id(third).in(StepState.CANCELLED).build());
    List<StepResult> poll =
        List.of(
            result(second, 1, outcome("success")),
            result(third, 1, outcome("success")),
            result(1, new Outcome.Started()),
            result(second, 1, outcome("failure")));

    Folded folded = folding(EVERY_SUCCESS_FITS).fold(poll, snapshots, NOW);

    assertThat(folded.verdicts())
        .containsExactly(
            Verdict.APPLIED,
            new Ignored(Reason.NOT_APPLICABLE),
            Verdict.APPLIED,
            new Ignored(Reason.NOT_APPLICABLE));
    assertThat(folded.transitions())
        .extracting(StepTransition::stepId, StepTransition::to)
        .containsExactly(tuple(second, COMPLETE), tuple(StepSnapshots.STEP, IN_PROGRESS));
    assertThat(folded.changes(third)).isFalse();
  }

  // A model-based property: random messages of one attempt against the table, restated.

  enum Message {
    STARTED,
    CHECKPOINT,
    SUCCESS,
    RETRYABLE_FAILURE,
    PERMANENT_FAILURE
  }

  /**
   * Where a message takes a step of attempt 1 of 3 in {@code state}, if a row takes it anywhere:
   * the table in a few lines, for a step that may still retry.
   */
  private static Optional<StepState> modelled(StepState state, Message message) {
    boolean inFlight = state == ENQUEUED || state == IN_PROGRESS;
    if (message == Message.STARTED) {
      return state == ENQUEUED ? Optional.of(IN_PROGRESS) : Optional.empty();
    }
    if (!inFlight) {
      return Optional.empty();
    }
    return Optional.of(
        switch (message) {
          case CHECKPOINT -> IN_PROGRESS;
          case SUCCESS -> COMPLETE;
          case RETRYABLE_FAILURE -> WAITING_FOR_RETRY;
          case PERMANENT_FAILURE, STARTED -> ERROR;
        });
  }

  private static Outcome outcome(Message message) {
    return switch (message) {
      case STARTED -> new Outcome.Started();
      case CHECKPOINT -> new Outcome.Checkpointed(json("{}"));
      case SUCCESS -> new Outcome.Succeeded(json("{}"));
      case RETRYABLE_FAILURE -> new Outcome.Failed(true, "E", "", null);
      case PERMANENT_FAILURE -> new Outcome.Failed(false, "E", "", null);
    };
  }

  @Property(tries = 500)
  void a_polls_messages_move_the_step_as_the_table_says_in_one_transition(
      @ForAll StepState loaded, @ForAll @Size(max = 6) List<Message> poll) {
    List<StepResult> results = poll.stream().map(m -> result(1, outcome(m))).toList();

    Folded folded = fold(step().in(loaded).build(), results.toArray(StepResult[]::new));

    StepState state = loaded;
    List<Boolean> appliedByModel = new ArrayList<>();
    for (Message message : poll) {
      Optional<StepState> next = modelled(state, message);
      appliedByModel.add(next.isPresent());
      state = next.orElse(state);
    }

    assertThat(folded.verdicts())
        .extracting(v -> v instanceof Verdict.Applied)
        .containsExactlyElementsOf(appliedByModel);
    assertThat(folded.verdicts())
        .allSatisfy(v -> assertThat(v).isInstanceOfAny(Verdict.Applied.class, Ignored.class));
    assertThat(folded.transitions()).hasSize(appliedByModel.contains(true) ? 1 : 0);
    for (StepTransition transition : folded.transitions()) {
      assertThat(transition.from()).isEqualTo(loaded);
      assertThat(transition.to()).isEqualTo(state);
      StepState at = loaded;
      for (Hop hop : transition.hops()) {
        assertThat(hop.from()).isEqualTo(at);
        assertThat(hop.to()).isNotEqualTo(at);
        at = hop.to();
      }
      assertThat(at).isEqualTo(state);
      assertThat(transition.hops())
          .extracting(Hop::messageId)
          .isSubsetOf(results.stream().map(StepResult::messageId).collect(Collectors.toSet()));
    }
  }
}
