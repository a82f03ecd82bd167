package dev.tributary.worker;

/**
 * Runs one kind of step: the code behind a handler name of a namespace. Called once per attempt,
 * possibly concurrently with other attempts of the same or other steps, on a thread of its own.
 *
 * <p>Returning means success. Throwing means failure: a {@link StepFailure} says whether the step
 * may be retried and after how long; any other exception is a <em>retryable</em> failure whose
 * error class is the exception's class name.
 *
 * <p>When the step's deadline passes the handler's thread is interrupted and the attempt is
 * reported as failed; handlers should let blocking calls respond to interruption (or check {@link
 * StepContext#isCancelled()}) so the worker can reuse their slot.
 */
@FunctionalInterface
public interface StepHandler {

  /**
   * Runs one attempt of a step.
   *
   * @param context the dispatched step: task context, inputs, checkpoint, dependency results
   * @return the step's result, and for decision and batchable steps what to create
   * @throws Exception to fail the attempt; see {@link StepFailure}
   */
  StepOutcome handle(StepContext context) throws Exception;
}
