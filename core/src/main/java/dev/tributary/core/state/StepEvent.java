package dev.tributary.core.state;

/** What can happen to a step: the events of {@link StepMachine}'s table. */
public enum StepEvent {
  /** The scheduler claimed it for a dispatch: a new attempt begins. */
  CLAIMED,
  /** The worker reported that it picked the attempt up. */
  STARTED,
  /** The worker reported progress. */
  CHECKPOINTED,
  /** The worker reported a success that fits the step. */
  SUCCEEDED,
  /**
   * The worker reported an outcome that cannot be applied: a success that does not fit the step's
   * kind or template, or a success or checkpoint holding a value the database cannot store.
   */
  OUTCOME_INVALID,
  /** The worker reported a failure, or an attempt a worker started ran out of time. */
  FAILED,
  /**
   * No worker started the attempt before its dispatch's deadline (the workers are down or behind,
   * or the dispatch was lost): the attempt does not count, and the step is dispatched again.
   */
  NOT_PICKED_UP,
  /** An operator asked for a fresh set of attempts. */
  OPERATOR_RETRIED,
  /** An operator gave the step a result by hand. */
  OPERATOR_RESOLVED,
  /** An operator cancelled the step's task. */
  TASK_CANCELLED
}
