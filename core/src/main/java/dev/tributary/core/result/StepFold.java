package dev.tributary.core.result;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.core.result.StepTransition.Hop;
import dev.tributary.core.result.Verdict.Ignored;
import dev.tributary.core.result.Verdict.Reason;
import dev.tributary.core.state.StepEvent;
import dev.tributary.core.state.StepGuard;
import dev.tributary.core.state.StepMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of one step in one poll, applied in order to the step's loaded state: the state
 * machine ({@link StepMachine}), in memory. The result is at most one guarded transition from the
 * loaded state, with an audit hop per state change, however many messages the step had in the poll.
 */
final class StepFold {

  private final StepSnapshot step;
  private final Backoff backoff;
  private final OutcomeRules outcomes;
  private final Instant now;
  private StepState state;
  private @Nullable String results;
  private @Nullable String checkpoint;
  private @Nullable Long checkpointSequence;
  private long storedSequence;
  private @Nullable String lastError;
  private @Nullable Instant nextAttemptAt;
  private @Nullable Expansion expansion;
  private boolean freeAttempt;
  private boolean answered;
  private @Nullable Instant deadlineAt;
  private boolean changed;
  private final List<Hop> hops = new ArrayList<>();

  StepFold(StepSnapshot step, Backoff backoff, OutcomeRules outcomes, Instant now) {
    this.step = step;
    this.backoff = backoff;
    this.outcomes = outcomes;
    this.now = now;
    this.state = step.state();
    this.storedSequence = step.checkpointSequence();
  }

  StepSnapshot step() {
    return step;
  }

  StepState state() {
    return state;
  }

  /** The decision or batch outcome of the success applied, if any. */
  @Nullable Expansion expansion() {
    return expansion;
  }

  /** Applies one message; says whether it changed anything. */
  Verdict apply(StepResult result) {
    if (result.attempt() != step.attempts()) {
      return new Ignored(Reason.STALE_ATTEMPT);
    }
    return switch (result.outcome()) {
      case Outcome.Started started -> start(result);
      case Outcome.Checkpointed progress -> checkpoint(progress, result);
      case Outcome.Succeeded success -> succeed(success, result);
      case Outcome.Failed failure ->
          state == StepState.ENQUEUED && ErrorClasses.DEADLINE_EXCEEDED.equals(failure.errorClass())
              ? notPickedUp(result)
              : fail(failure, result);
    };
  }

  /** A worker started the attempt: it has its whole timeout from now. */
  private Verdict start(StepResult result) {
    Verdict verdict = on(StepEvent.STARTED, StepGuard.ALWAYS, "started", result);
    if (verdict instanceof Verdict.Applied) {
      deadlineAt = now.plusMillis(step.timeoutMs());
    }
    return verdict;
  }

  /**
   * No worker started the attempt before its deadline: the scheduler's report, or a worker's that
   * received the dispatch too late. The step is dispatched again after its backoff and the attempt
   * does not count, unless its schedule-to-start limit has passed.
   */
  private Verdict notPickedUp(StepResult result) {
    Instant since = step.waitingSince();
    Integer limit = step.scheduleToStartMs();
    if (limit != null && since != null && !now.isBefore(since.plusMillis(limit))) {
      lastError =
          errorJson(
              ErrorClasses.SCHEDULE_TO_START_TIMEOUT,
              "no worker started the step within its schedule_to_start of "
                  + Duration.ofMillis(limit)
                  + " (waiting since "
                  + since
                  + ")",
              false);
      return on(
          StepEvent.NOT_PICKED_UP, StepGuard.SCHEDULE_TO_START_PASSED, "not_picked_up", result);
    }
    lastError =
        errorJson(
            ErrorClasses.DEADLINE_EXCEEDED,
            "no worker started attempt "
                + step.attempts()
                + " before its deadline; it is dispatched again and does not count",
            true);
    nextAttemptAt = now.plus(backoff.delay(step, null));
    Verdict verdict = on(StepEvent.NOT_PICKED_UP, StepGuard.MAY_WAIT, "not_picked_up", result);
    freeAttempt = verdict instanceof Verdict.Applied;
    return verdict;
  }

  private Verdict checkpoint(Outcome.Checkpointed progress, StepResult result) {
    if (!leaves(StepEvent.CHECKPOINTED)) {
      return notApplied(StepEvent.CHECKPOINTED);
    }
    if (progress.sequence() != null && progress.sequence() <= storedSequence) {
      return new Ignored(Reason.STALE_CHECKPOINT);
    }
    Optional<String> unstorable = NulCharacter.pathIn(progress.checkpoint(), "checkpoint");
    if (unstorable.isPresent()) {
      return invalid(unstorable.get() + " contains U+0000: " + NulCharacter.RULE, result);
    }
    checkpoint = progress.checkpoint().toString();
    if (progress.sequence() != null) {
      checkpointSequence = progress.sequence();
      storedSequence = progress.sequence();
    }
    return on(StepEvent.CHECKPOINTED, StepGuard.ALWAYS, "checkpoint", result);
  }

  private Verdict succeed(Outcome.Succeeded success, StepResult result) {
    if (!leaves(StepEvent.SUCCEEDED)) {
      return notApplied(StepEvent.SUCCEEDED);
    }
    Optional<String> invalid =
        unstorable(success)
            .map(path -> path + " contains U+0000: " + NulCharacter.RULE)
            .or(() -> outcomes.invalidReason(step, success));
    if (invalid.isPresent()) {
      return invalid(invalid.get(), result);
    }
    results = success.result().toString();
    expansion = success.expansion();
    return on(StepEvent.SUCCEEDED, StepGuard.ALWAYS, "success", result);
  }

  /** Fails the step for good or for a retry, as its policy and the failure allow. */
  private Verdict fail(Outcome.Failed failure, StepResult result) {
    if (!leaves(StepEvent.FAILED)) {
      return notApplied(StepEvent.FAILED);
    }
    int counted = step.attempts() - step.freeAttempts();
    boolean retry = failure.retryable() && step.retryable() && counted < step.maxAttempts();
    lastError = errorJson(failure.errorClass(), failure.message(), failure.retryable());
    if (retry) {
      nextAttemptAt = now.plus(backoff.delay(step, failure.retryAfterMs()));
    }
    return on(
        StepEvent.FAILED,
        retry ? StepGuard.RETRY_ALLOWED : StepGuard.RETRY_NOT_ALLOWED,
        "failure",
        result);
  }

  /** Where a success holds a value the database cannot store, if it does. */
  private static Optional<String> unstorable(Outcome.Succeeded success) {
    Optional<String> inResult = NulCharacter.pathIn(success.result(), "result");
    if (inResult.isPresent()
        || !(success.expansion() instanceof Expansion.CreateBatches batches)
        || batches.cursors() == null) {
      return inResult;
    }
    for (int i = 0; i < batches.cursors().size(); i++) {
      BatchCursor cursor = batches.cursors().get(i);
      String path = "expansion.cursors[" + i + "]";
      Optional<String> found =
          NulCharacter.pathIn(cursor.start(), path + ".start")
              .or(() -> NulCharacter.pathIn(cursor.end(), path + ".end"));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Fails the step for good: its worker's answer cannot be applied as it is. */
  private Verdict invalid(String reason, StepResult result) {
    lastError = errorJson(ErrorClasses.INVALID_OUTCOME, reason, false);
    return on(StepEvent.OUTCOME_INVALID, StepGuard.ALWAYS, "invalid_outcome", result);
  }

  /** Whether a row of {@code event} leaves the step's state. */
  private boolean leaves(StepEvent event) {
    return StepMachine.sources(event).contains(state);
  }

  /** Moves the step as the table's row says; the caller checked that one applies. */
  private Verdict on(StepEvent event, StepGuard guard, String cause, StepResult result) {
    Optional<StepState> to = StepMachine.next(state, event, guard);
    if (to.isEmpty()) {
      return notApplied(event);
    }
    if (to.get() != state) {
      hops.add(new Hop(state, to.get(), cause, result.messageId()));
      state = to.get();
    }
    changed = true;
    // A worker's answer ends the wait for a worker; a report that none came does not.
    answered |= event != StepEvent.NOT_PICKED_UP;
    return Verdict.APPLIED;
  }

  /**
   * Why a message changed nothing: a duplicate when the step is already where the event would take
   * it (a redelivered success, say), otherwise not applicable (a result for a cancelled step).
   */
  private Verdict notApplied(StepEvent event) {
    return new Ignored(
        StepMachine.targets(event).contains(state) ? Reason.DUPLICATE : Reason.NOT_APPLICABLE);
  }

  private String errorJson(String errorClass, String message, boolean retryable) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    // A worker's words are stored as faithfully as the database allows (see NulCharacter).
    error.put("error_class", NulCharacter.replaced(errorClass));
    error.put("message", NulCharacter.replaced(message));
    error.put("retryable", retryable);
    error.put("attempt", step.attempts());
    error.put("at", now.toString());
    return error.toString();
  }

  /** The guarded transition these messages amount to, if any. */
  Optional<StepTransition> transition() {
    if (!changed) {
      return Optional.empty();
    }
    return Optional.of(
        new StepTransition(
            step.stepId(),
            step.taskId(),
            step.state(),
            step.attempts(),
            state,
            results,
            checkpoint,
            checkpointSequence,
            lastError,
            nextAttemptAt,
            freeAttempt,
            answered,
            deadlineAt,
            hops));
  }
}
