package dev.tributary.contracts;

import static dev.tributary.contracts.internal.Require.maxLength;
import static dev.tributary.contracts.internal.Require.present;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tributary.contracts.internal.Require;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What happened to an attempt. On the wire, an object whose {@code type} is {@code started}, {@code
 * success}, {@code failure} or {@code checkpoint}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Outcome.Started.class, name = "started"),
  @JsonSubTypes.Type(value = Outcome.Succeeded.class, name = "success"),
  @JsonSubTypes.Type(value = Outcome.Failed.class, name = "failure"),
  @JsonSubTypes.Type(value = Outcome.Checkpointed.class, name = "checkpoint")
})
public sealed interface Outcome {

  /** The worker picked the step up; the step moves to {@code in_progress}. */
  record Started() implements Outcome {}

  /**
   * The attempt succeeded.
   *
   * @param result the step's result, handed to the steps that depend on it
   * @param expansion for decision and batchable steps, the steps to create at run time
   */
  record Succeeded(JsonNode result, @Nullable Expansion expansion) implements Outcome {
    public Succeeded {
      result = result == null ? JsonNodeFactory.instance.nullNode() : result;
    }

    public Succeeded(JsonNode result) {
      this(result, null);
    }
  }

  /**
   * The attempt failed.
   *
   * @param retryable whether another attempt may succeed; a permanent failure stops the step.
   *     Required on the wire: a failure without it is rejected rather than taken as permanent.
   *     Never null, so callers may use it as a {@code boolean}.
   * @param errorClass what kind of error, e.g. an exception class name, or one of {@link
   *     ErrorClasses} for failures Tributary reports itself; at most {@value
   *     #MAX_ERROR_CLASS_LENGTH} characters
   * @param message what went wrong, for operators
   * @param retryAfterMs the delay the worker asks for before the next attempt, within the
   *     processor's configured maximum; the step's backoff when absent
   */
  record Failed(Boolean retryable, String errorClass, String message, @Nullable Long retryAfterMs)
      implements Outcome {

    /** The longest error class, in characters. */
    public static final int MAX_ERROR_CLASS_LENGTH = 255;

    /** The longest message, in characters; producers truncate longer ones. */
    public static final int MAX_MESSAGE_LENGTH = 4_096;

    public Failed {
      present(retryable, "retryable");
      present(errorClass, "error_class");
      maxLength(errorClass, MAX_ERROR_CLASS_LENGTH, "error_class");
      message = message == null ? "" : message;
      maxLength(message, MAX_MESSAGE_LENGTH, "message");
      if (retryAfterMs != null && retryAfterMs < 0) {
        throw new IllegalArgumentException("retry_after_ms must not be negative");
      }
    }
  }

  /**
   * Progress of a running attempt, such as a batch worker's cursor and items processed; a retry of
   * the step is dispatched with the last checkpoint.
   *
   * @param checkpoint where to resume from: any JSON value but {@code null}
   * @param sequence counts the attempt's checkpoints from 1, so that an older one delivered late (a
   *     resend, a producer retry) never replaces a newer one: a checkpoint whose sequence is not
   *     greater than the stored one's in the same attempt is ignored. Optional; without it, the
   *     checkpoint applied last wins
   */
  record Checkpointed(JsonNode checkpoint, @Nullable Long sequence) implements Outcome {
    public Checkpointed {
      Require.value(checkpoint, "checkpoint");
      if (sequence != null && sequence < 1) {
        throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
      }
    }

    /** A checkpoint without a sequence. */
    public Checkpointed(JsonNode checkpoint) {
      this(checkpoint, null);
    }
  }
}
