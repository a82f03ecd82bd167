package dev.tributary.contracts;

/**
 * The error classes Tributary itself gives failures, as opposed to those of handlers (typically
 * exception class names). They appear as {@link Outcome.Failed#errorClass()} on the step-results
 * topic and in a step's last error; operators group and alert on them, so they never change.
 * Handlers should not use them for their own failures.
 */
public final class ErrorClasses {

  /**
   * No result arrived in time. Reported by the scheduler when an attempt's deadline passes with no
   * final result, and by the worker when it interrupts a handler still running after its {@code
   * timeout_ms} or receives a dispatch whose deadline has already passed. For an attempt a worker
   * started, it is a retryable failure that counts against the step's attempts; for one no worker
   * started (the step is still {@code enqueued}), the step is dispatched again after its backoff
   * and the attempt does not count: workers being down never uses up a step's attempts.
   */
  public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

  /**
   * The worker that received the dispatch has no handler for its namespace and handler name.
   * Permanent: reported by the worker without running anything; usually a deployment mistake (a
   * template names a handler no worker of its namespace has).
   */
  public static final String UNKNOWN_HANDLER = "UnknownHandler";

  /**
   * The scheduler cannot fit the dispatch in one message ({@value Limits#MAX_MESSAGE_BYTES} bytes)
   * even without dependency results: the task context, inputs and checkpoint are too large.
   * Permanent: reported by the scheduler instead of dispatching.
   */
  public static final String DISPATCH_TOO_LARGE = "DispatchTooLarge";

  /**
   * The step's stored data cannot form a valid dispatch (for example a task context that is not a
   * JSON object). Permanent: reported by the scheduler instead of dispatching; it indicates data
   * changed outside Tributary or a bug, and the message says what is wrong.
   */
  public static final String INVALID_DISPATCH = "InvalidDispatch";

  /**
   * The worker's answer exceeds the message limit ({@value Limits#MAX_MESSAGE_BYTES} bytes),
   * typically a success with a large result. Permanent: reported by the worker in place of the
   * answer; results should carry references to large data, not the data.
   */
  public static final String RESULT_TOO_LARGE = "ResultTooLarge";

  /**
   * No worker started the step within its template's {@code schedule_to_start} (counted from the
   * first dispatch that went unanswered). Permanent: set by the processor as the step's last error.
   * Without that limit (the default), a step waits for workers as long as they are down.
   */
  public static final String SCHEDULE_TO_START_TIMEOUT = "ScheduleToStartTimeout";

  /** The handler returned nothing instead of an outcome. Permanent: reported by the worker. */
  public static final String NO_OUTCOME = "NoOutcome";

  /**
   * A success outcome does not fit its step, e.g. a decision naming a branch its template does not
   * declare, a batchable step without a split, or a standard step that creates steps; or a success
   * or checkpoint holds a value Tributary cannot store ({@link NulCharacter}). Permanent: set by
   * the processor as the step's last error when it applies the result, and reported by the worker
   * library in place of a handler's answer that holds U+0000.
   */
  public static final String INVALID_OUTCOME = "InvalidOutcome";

  private ErrorClasses() {}
}
