package dev.tributary.processor.result;

import dev.tributary.contracts.BatchCursor;
import dev.tributary.contracts.ErrorClasses;
import dev.tributary.contracts.Expansion;
import dev.tributary.contracts.NulCharacter;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.StepState;
import dev.tributary.processor.result.Verdict.Ignored;
import dev.tributary.processor.result.Verdict.Reason;
import dev.tributary.store.result.ResultContext;
import dev.tributary.store.result.StepTransition;
import dev.tributary.store.result.StepTransition.Hop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of one step in one poll, applied in order to the step's loaded state: the state
 * machine of DESIGN.md, in memory. The result is at most one guarded transition from the loaded
 * state, with an audit hop per state change, however many messages the step had in the poll.
 */
final class StepFold {

  private final ResultContext step;
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
  private boolean changed;
  private final List<Hop> hops = new ArrayList<>();

  StepFold(ResultContext step, Backoff backoff, OutcomeRules outcomes, Instant now) {
    this.step = step;
    this.backoff = backoff;
    this.outcomes = outcomes;
    this.now = now;
    this.state = step.state();
    this.storedSequence = step.checkpointSequence();
  }

  ResultContext step() {
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
    boolean inFlight = state == StepState.ENQUEUED || state == StepState.IN_PROGRESS;
    return switch (result.outcome()) {
      case Outcome.Started started -> {
        if (state == StepState.ENQUEUED) {
          yield move(StepState.IN_PROGRESS, "started", result);
        }
        yield ignored(state == StepState.IN_PROGRESS ? Reason.DUPLICATE : Reason.NOT_APPLICABLE);
      }
      case Outcome.Checkpointed progress -> {
        if (!inFlight) {
          yield ignored(Reason.NOT_APPLICABLE);
        }
        if (progress.sequence() != null && progress.sequence() <= storedSequence) {
          yield ignored(Reason.STALE_CHECKPOINT);
        }
        Optional<String> unstorable = NulCharacter.pathIn(progress.checkpoint(), "checkpoint");
        if (unstorable.isPresent()) {
          yield invalid(unstorable.get() + " contains U+0000: " + NulCharacter.RULE, result);
        }
        checkpoint = progress.checkpoint().toString();
        if (progress.sequence() != null) {
          checkpointSequence = progress.sequence();
          storedSequence = progress.sequence();
        }
        changed = true;
        yield state == StepState.ENQUEUED
            ? move(StepState.IN_PROGRESS, "checkpoint", result)
            : Verdict.APPLIED;
      }
      case Outcome.Succeeded success -> {
        if (!inFlight) {
          yield ignored(state == StepState.COMPLETE ? Reason.DUPLICATE : Reason.NOT_APPLICABLE);
        }
        Optional<String> invalid =
            unstorable(success)
                .map(path -> path + " contains U+0000: " + NulCharacter.RULE)
                .or(() -> outcomes.invalidReason(step, success));
        if (invalid.isPresent()) {
          yield invalid(invalid.get(), result);
        }
        results = success.result().toString();
        expansion = success.expansion();
        yield move(StepState.COMPLETE, "success", result);
      }
      case Outcome.Failed failure -> {
        if (!inFlight) {
          yield ignored(
              state == StepState.WAITING_FOR_RETRY || state == StepState.ERROR
                  ? Reason.DUPLICATE
                  : Reason.NOT_APPLICABLE);
        }
        yield fail(failure, result);
      }
    };
  }

  /** Fails the step for good or for a retry, as its policy and the failure allow. */
  private Verdict fail(Outcome.Failed failure, StepResult result) {
    boolean retry = failure.retryable() && step.retryable() && step.attempts() < step.maxAttempts();
    lastError = errorJson(failure.errorClass(), failure.message(), failure.retryable());
    if (retry) {
      nextAttemptAt = now.plus(backoff.delay(step, failure.retryAfterMs()));
      return move(StepState.WAITING_FOR_RETRY, "failure", result);
    }
    return move(StepState.ERROR, "failure", result);
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
    return move(StepState.ERROR, "invalid_outcome", result);
  }

  private Verdict move(StepState to, String cause, StepResult result) {
    hops.add(new Hop(state, to, cause, result.messageId()));
    state = to;
    changed = true;
    return Verdict.APPLIED;
  }

  private static Verdict ignored(Reason reason) {
    return new Ignored(reason);
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
            hops));
  }
}
