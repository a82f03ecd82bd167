package dev.tributary.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link StepHandler} to fail an attempt and say what should happen next, in the spirit
 * of Temporal's {@code ApplicationFailure}:
 *
 * <ul>
 *   <li>{@link #retryable(String)}: another attempt may succeed; the scheduler retries the step
 *       after its backoff (or after {@link #withRetryAfter(Duration)}), while attempts are left;
 *   <li>{@link #permanent(String)}: retrying cannot help (bad input, a business rule said no); the
 *       step goes to {@code error} at once and waits for an operator.
 * </ul>
 *
 * <p><b>Any other exception</b> a handler throws is a <em>retryable</em> failure whose error class
 * is the exception's class name and whose message is the exception's message: unexpected errors are
 * usually transient (a timeout, a connection reset), and the step's {@code max_attempts} bounds the
 * cost of being wrong. Throw {@code StepFailure.permanent(...)} to stop retries.
 *
 * <p>Messages are for operators and are truncated to the contract's limit; never put secrets or
 * personal data in them.
 */
public final class StepFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The error class of a failure that gives none and has no cause. */
  public static final String DEFAULT_ERROR_CLASS = "StepFailure";

  private final boolean retryable;
  private final String errorClass;
  private final @Nullable Duration retryAfter;

  private StepFailure(
      String message,
      @Nullable Throwable cause,
      boolean retryable,
      String errorClass,
      @Nullable Duration retryAfter) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.retryable = retryable;
    this.errorClass = errorClass;
    this.retryAfter = retryAfter;
  }

  /** A failure another attempt may fix. */
  public static StepFailure retryable(String message) {
    return retryable(message, null);
  }

  /**
   * A failure another attempt may fix, caused by {@code cause} (whose class is the error class).
   */
  public static StepFailure retryable(String message, @Nullable Throwable cause) {
    return new StepFailure(message, cause, true, defaultErrorClass(cause), null);
  }

  /** A failure no retry can fix: the step stops at once. */
  public static StepFailure permanent(String message) {
    return permanent(message, null);
  }

  /** A failure no retry can fix, caused by {@code cause} (whose class is the error class). */
  public static StepFailure permanent(String message, @Nullable Throwable cause) {
    return new StepFailure(message, cause, false, defaultErrorClass(cause), null);
  }

  /**
   * This failure, asking for the next attempt after {@code delay} instead of the step's backoff,
   * e.g. what a rate-limited API's {@code Retry-After} said. The processor caps it at its
   * configured maximum.
   *
   * @throws IllegalStateException on a permanent failure, which is never retried
   */
  public StepFailure withRetryAfter(Duration delay) {
    if (!retryable) {
      throw new IllegalStateException(
          "a permanent failure is never retried; use StepFailure.retryable(...) to ask for a delay");
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("retry-after delay must not be negative, was " + delay);
    }
    return copy(errorClass, delay);
  }

  /**
   * This failure with an error class of your choosing, e.g. {@code "CardDeclined"}: operators and
   * dashboards group failures by it. At most 255 characters.
   */
  public StepFailure withErrorClass(String errorClass) {
    if (errorClass.isBlank() || errorClass.length() > 255) {
      throw new IllegalArgumentException(
          "error class must be 1 to 255 characters, was '" + errorClass + "'");
    }
    return copy(errorClass, retryAfter);
  }

  /** Whether another attempt may succeed. */
  public boolean isRetryable() {
    return retryable;
  }

  /**
   * What kind of error: set with {@link #withErrorClass(String)}, else the cause's class name, else
   * {@value #DEFAULT_ERROR_CLASS}.
   */
  public String errorClass() {
    return errorClass;
  }

  /** The delay asked for before the next attempt, if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  private StepFailure copy(String errorClass, @Nullable Duration retryAfter) {
    StepFailure copy = new StepFailure(getMessage(), getCause(), retryable, errorClass, retryAfter);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  private static String defaultErrorClass(@Nullable Throwable cause) {
    return cause == null ? DEFAULT_ERROR_CLASS : cause.getClass().getName();
  }
}
