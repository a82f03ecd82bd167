package dev.tributary.conformance;

import dev.tributary.contracts.InvalidMessageException;
import dev.tributary.contracts.JsonCodec;
import dev.tributary.contracts.Outcome;
import dev.tributary.contracts.StepResult;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One record the worker sent to step-results, decoded as the processor decodes it.
 *
 * @param key the record key, null when missing
 * @param traceparent the trace context header, null when missing
 * @param taskId the task it names, read leniently (null when unreadable) so that an invalid answer
 *     is still attributed to its scenario
 * @param stepId the step it names, read leniently likewise
 * @param result the decoded result, null when the processor would dead-letter the record
 * @param invalid why it would be dead-lettered, null when valid
 */
record Answer(
    @Nullable String key,
    @Nullable String traceparent,
    @Nullable UUID taskId,
    @Nullable UUID stepId,
    @Nullable StepResult result,
    @Nullable String invalid) {

  /** The outcome, when the answer is valid. */
  Optional<Outcome> outcome() {
    return Optional.ofNullable(result).map(StepResult::outcome);
  }

  /** Whether this is a valid success or failure: the end of an attempt. */
  boolean isFinal() {
    return outcome()
        .filter(o -> o instanceof Outcome.Succeeded || o instanceof Outcome.Failed)
        .isPresent();
  }

  /** The outcome's wire type, or "invalid". */
  String type() {
    return outcome()
        .map(
            o ->
                switch (o) {
                  case Outcome.Started s -> "started";
                  case Outcome.Succeeded s -> "success";
                  case Outcome.Failed f -> "failure";
                  case Outcome.Checkpointed c -> "checkpoint";
                })
        .orElse("invalid");
  }

  /** The answer in a few words, e.g. {@code failure(retryable, DeadlineExceeded)}. */
  String describe() {
    return switch (outcome().orElse(null)) {
      case Outcome.Failed f ->
          "failure(" + (f.retryable() ? "retryable" : "permanent") + ", " + f.errorClass() + ")";
      case Outcome.Checkpointed c -> "checkpoint(sequence " + c.sequence() + ")";
      case null -> "invalid(" + invalid + ")";
      default -> type();
    };
  }

  /** What a list of answers was, in order, e.g. {@code started, success}; "nothing" if empty. */
  static String summary(List<Answer> answers) {
    return answers.isEmpty()
        ? "nothing"
        : answers.stream().map(Answer::describe).collect(Collectors.joining(", "));
  }

  /** Reads a record's value as the processor would, keeping what can be read of an invalid one. */
  static Answer read(@Nullable String key, @Nullable String traceparent, byte[] value) {
    UUID taskId = null;
    UUID stepId = null;
    try {
      JsonNode tree = Dispatches.JSON.readTree(value);
      taskId = uuid(tree.path("task_id"));
      stepId = uuid(tree.path("step_id"));
    } catch (JacksonException unreadable) {
      // The decoder below says why.
    }
    try {
      return new Answer(key, traceparent, taskId, stepId, RESULTS.decode(value), null);
    } catch (InvalidMessageException e) {
      return new Answer(key, traceparent, taskId, stepId, null, e.getMessage());
    }
  }

  private static @Nullable UUID uuid(JsonNode node) {
    try {
      return node.isString() ? UUID.fromString(node.asString()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static final JsonCodec<StepResult> RESULTS = JsonCodec.of(StepResult.class);
}
