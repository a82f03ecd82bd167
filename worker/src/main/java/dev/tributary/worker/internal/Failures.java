package dev.tributary.worker.internal;

import dev.tributary.contracts.Outcome;
import dev.tributary.worker.StepFailure;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a handler threw into a failure outcome; see {@link StepFailure} for the rules. The
 * worker's own failures use the error classes of {@link dev.tributary.contracts.ErrorClasses}.
 */
final class Failures {

  private Failures() {}

  /** A {@link StepFailure} as it says; anything else retryable, named by its class. */
  static Outcome.Failed from(Throwable thrown) {
    if (thrown instanceof StepFailure failure) {
      return new Outcome.Failed(
          failure.isRetryable(),
          truncate(failure.errorClass(), Outcome.Failed.MAX_ERROR_CLASS_LENGTH),
          truncate(failure.getMessage(), Outcome.Failed.MAX_MESSAGE_LENGTH),
          failure.retryAfter().map(Duration::toMillis).orElse(null));
    }
    return retryable(thrown.getClass().getName(), messageOf(thrown));
  }

  static Outcome.Failed retryable(String errorClass, String message) {
    return new Outcome.Failed(
        true,
        truncate(errorClass, Outcome.Failed.MAX_ERROR_CLASS_LENGTH),
        truncate(message, Outcome.Failed.MAX_MESSAGE_LENGTH),
        null);
  }

  static Outcome.Failed permanent(String errorClass, String message) {
    return new Outcome.Failed(
        false,
        truncate(errorClass, Outcome.Failed.MAX_ERROR_CLASS_LENGTH),
        truncate(message, Outcome.Failed.MAX_MESSAGE_LENGTH),
        null);
  }

  private static String messageOf(Throwable thrown) {
    @Nullable String message = thrown.getMessage();
    return message == null ? "" : message;
  }

  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String ellipsis = "…";
    int end = max - ellipsis.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return text.substring(0, end) + ellipsis;
  }
}
