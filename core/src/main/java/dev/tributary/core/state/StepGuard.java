package dev.tributary.core.state;

/** When a row of {@link StepMachine}'s table applies, besides its state and event. */
public enum StepGuard {
  /** Whenever its state and event match. */
  ALWAYS("always"),
  /** No dependency of the step is unmet. */
  READY("ready"),
  /** The step's backoff has passed. */
  RETRY_DUE("backoff passed"),
  /** The failure is retryable, the step is, and it has attempts left. */
  RETRY_ALLOWED("retry allowed"),
  /** The failure is permanent, the step is not retryable, or its attempts are used up. */
  RETRY_NOT_ALLOWED("no retry"),
  /** The step has no schedule-to-start limit, or it has not passed. */
  MAY_WAIT("may wait longer"),
  /** The step's schedule-to-start limit passed while no worker started it. */
  SCHEDULE_TO_START_PASSED("schedule-to-start passed");

  private final String label;

  StepGuard(String label) {
    this.label = label;
  }

  /** How the guard reads in a diagram. */
  public String label() {
    return label;
  }
}
